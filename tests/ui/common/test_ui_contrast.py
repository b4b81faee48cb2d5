"""Every text the window draws reads at WCAG AA (4.5:1; 3:1 for large text), in the light and dark themes.

Checked: the palettes' text roles on their backgrounds, the meaning colours (``theme.TONES`` and the
other tables of colours in ``ui/``), the demo banner and the frames drawn over fields and check boxes,
and, in a window and dialogs showing errors and warnings, every label's colour (its palette) and the
colours of its rich text, on the background actually behind it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from app.sandbox import SandboxServer
from app.validation import Problem
from helpers.contrast import LARGE_TEXT_AA, TEXT_AA, contrast
from helpers.window import EXAMPLES, close_window, make_window, sandbox_connection
from ui.campaigns import campaigns_model
from ui.common.message_box import MessageDialog
from ui.common.problem_marks import ProblemLabel
from ui.common.tab_text_style import DARK_INDICATOR_FRAME
from ui.common.theme import BANNER, STATUS_TONES, TONES, tone_color, use_theme
from ui.compose.message_fields import error_color, warning_color
from ui.compose.phone_parts import bubble_color
from ui.compose.phone_preview import PhoneFrame
from ui.compose.sms_panel import SmsFallbackPanel
from ui.shell import settings_dialog
from ui.shell.settings_dialog import SettingsDialog
from ui.shell.welcome_dialog import WelcomeDialog

ROLE = QPalette.ColorRole
# (text, background) roles drawn together by Qt's styles.
ROLE_PAIRS = [
    (ROLE.WindowText, ROLE.Window),
    (ROLE.Text, ROLE.Base),
    (ROLE.Text, ROLE.AlternateBase),
    (ROLE.ButtonText, ROLE.Button),
    (ROLE.PlaceholderText, ROLE.Base),
    (ROLE.HighlightedText, ROLE.Highlight),
    (ROLE.ToolTipText, ROLE.ToolTipBase),
    (ROLE.Link, ROLE.Base),
    (ROLE.Link, ROLE.Window),
]
BACKGROUNDS = (ROLE.Window, ROLE.Base, ROLE.AlternateBase, ROLE.Button)
_SPAN = re.compile(r"<(?:span|div|font)\b[^>]*style\s*=\s*['\"]([^'\"]*)['\"][^>]*>(.*?)</(?:span|div|font)>", re.S)
_DECLARATION = re.compile(r"(?<![-\w])(color|background(?:-color)?)\s*:\s*([^;]+)")


@pytest.fixture(params=["light", "dark"])
def theme(request, qapp) -> Iterator[str]:
    """The application in the light or dark theme the program offers; restored afterwards."""
    style, palette, sheet = qapp.style().name(), QPalette(qapp.palette()), qapp.styleSheet()
    use_theme(qapp, request.param)
    yield request.param
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setStyleSheet(sheet)


def is_large(font: QFont) -> bool:
    points = font.pointSizeF() if font.pointSizeF() > 0 else font.pixelSize() * 0.75
    return points >= 18 or (points >= 14 and font.weight() >= QFont.Weight.Bold)


def painted_backgrounds(widget: QWidget) -> list[QColor]:
    """What is painted behind ``widget``: the nearest ancestor that paints its own background."""
    current: QWidget | None = widget
    while current is not None:
        palette = current.palette()
        if isinstance(current, PhoneFrame):  # the phone's screen, and the cards and bubbles on it
            return [palette.color(ROLE.Base), bubble_color(palette)]
        if current.autoFillBackground() or current.testAttribute(Qt.WidgetAttribute.WA_StyledBackground):
            return [palette.color(current.backgroundRole())]
        current = current.parentWidget()
    return [widget.window().palette().color(ROLE.Window)]


def low_contrast_texts(root: QWidget) -> list[str]:
    """Each label text under ``root`` (and its rich-text colours) that reads below AA on its background."""
    found = []
    labels = root.findChildren(QLabel) + ([root] if isinstance(root, QLabel) else [])
    for label in labels:
        if not label.text().strip() or not label.isEnabled():  # disabled controls are exempt from AA
            continue
        label.ensurePolished()
        need = LARGE_TEXT_AA if is_large(label.font()) else TEXT_AA
        backgrounds = painted_backgrounds(label)
        foreground = label.palette().color(label.foregroundRole())
        for back in backgrounds:
            if contrast(foreground, back) < need:
                found.append(f"{label.text()[:50]!r}: {foreground.name()} on {back.name()}")
        for style, inner in _SPAN.findall(label.text()):
            if not re.search(r"\w", re.sub(r"<[^>]+>|&\w+;", "", inner)):
                continue  # a glyph alone (the carousel's dots) is a picture, not text
            colours = dict(_DECLARATION.findall(style))
            span_fore = QColor(colours.get("color", foreground.name()).strip())
            span_backs = [QColor(colours[key].strip()) for key in colours if key.startswith("background")]
            for back in span_backs or backgrounds:
                if contrast(span_fore, back) < need:
                    found.append(f"{inner[:50]!r} in {label.objectName()}: {span_fore.name()} on {back.name()}")
    return found


def test_the_palettes_text_colours_read_on_their_backgrounds(theme, qapp):
    palette = qapp.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for text, back in ROLE_PAIRS:
            ratio = contrast(palette.color(group, text), palette.color(group, back))
            assert ratio >= TEXT_AA, f"{theme} {group.name} {text.name} on {back.name}: {ratio:.2f}"


def test_every_meaning_colour_reads_on_every_background(theme, qapp):
    palette = qapp.palette()
    dark = theme == "dark"
    widget = QLabel()  # has the application's palette
    colours = {f"tone {name}": tone_color(name, dark) for name in TONES}
    colours |= {"message_fields error": error_color(widget), "message_fields warning": warning_color(widget)}
    colours |= {f"campaigns {tone}": campaigns_model.tone_color(tone, dark).name() for tone in STATUS_TONES}
    for what, colour in colours.items():
        for back in BACKGROUNDS:
            ratio = contrast(colour, palette.color(back))
            assert ratio >= TEXT_AA, f"{theme}: {what} {colour} on {back.name}: {ratio:.2f}"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_banner_and_the_frames_people_must_see_read_on_their_backgrounds(dark, qapp):
    palette = use_palette(dark, qapp)
    backgrounds = (palette.color(ROLE.Window), palette.color(ROLE.Base))
    banner_back, banner_text = BANNER[dark]
    assert contrast(banner_text, banner_back) >= TEXT_AA
    frames = {f"{tone} field border": tone_color(tone, dark) for tone in ("error", "warning")}
    if dark:  # drawn over Fusion's check boxes and radio buttons, too dark to see on a dark palette
        frames["check box frame"] = DARK_INDICATOR_FRAME
    for what, colour in frames.items():  # the parts of controls people must see: 3:1
        for back in backgrounds:
            assert contrast(colour, back) >= LARGE_TEXT_AA, f"{what} {colour} on {back.name()}"


def use_palette(dark: bool, qapp: QApplication) -> QPalette:
    from ui.common.theme import dark_palette, light_palette

    return dark_palette() if dark else light_palette(qapp.style().standardPalette())


def bad_sms_file(tmp_path):
    data = json.loads((EXAMPLES / "spring-sale.rcs.json").read_text(encoding="utf-8"))
    sms = data["request"]["alternative_channel"]["sms"]
    sms.update(validity=0, check_stop_list="yes", sender=12345, text="“Spring” sale – now")
    path = tmp_path / "bad.rcs.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_every_text_in_the_window_reads_with_errors_and_warnings_shown(theme, qtbot, tmp_path):
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    window = harness.window
    try:
        window.files.open_path(bad_sms_file(tmp_path))
        panel = window.findChild(SmsFallbackPanel)
        problems = [label for label in window.findChildren(ProblemLabel) if label.text()]
        assert len(problems) >= 3  # the validity, the stop list, the sender: errors in the error colour
        assert window.findChild(QLabel, "smsUnicodeLabel").text()  # a warning with marked characters
        assert low_contrast_texts(window) == []
        panel.enable_check.setChecked(False)  # "Phones without RCS will get nothing", in the warning colour
        assert low_contrast_texts(window) == []
    finally:
        close_window(harness)


def test_every_text_of_the_dialogs_reads(theme, qtbot, monkeypatch):
    from app.platform.config import Settings

    monkeypatch.setattr(settings_dialog, "keyring_available", lambda: False)
    settings = SettingsDialog(Settings())
    qtbot.addWidget(settings)
    settings.show()
    qtbot.waitUntil(lambda: settings.key_status.property("tone") == "error")  # the no-password-store error
    welcome = WelcomeDialog()
    qtbot.addWidget(welcome)
    message = MessageDialog(None, "Title", "Something went wrong.", details="x", kind="warning")
    qtbot.addWidget(message)
    label = ProblemLabel()
    qtbot.addWidget(label)
    label.show_problem(Problem("x", "warning", "A warning"))
    for dialog in (settings, welcome, message, label):
        assert low_contrast_texts(dialog) == [], dialog.objectName()
    label.show_problem(Problem("x", "error", "An error"))
    assert low_contrast_texts(label) == []
