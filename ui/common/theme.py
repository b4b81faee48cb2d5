"""The window's look: the system palette (light or dark) and a few meaning colours, with no style sheet.

Colours that carry meaning (errors, warnings, success, secondary text, the demo banner) come from
``TONES`` and ``BANNER``, each with a light and a dark variant that reads at WCAG AA (4.5:1) on the
palette's window and field backgrounds; everything else comes from the platform style so the program
feels native. ``set_tone`` and ``set_role`` put them on a widget's palette and font, and the widget
keeps them right when the palette switches between light and dark.

No style sheet: with one on the application, Qt polishes every widget through its style-sheet engine,
which made building the window take twice as long (a widget's own style sheet costs the same for it
and its children).
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from ui.common.tab_text_style import TabTextStyle


class Tone(NamedTuple):
    """One meaning colour: for a light palette and for a dark one."""

    light: str
    dark: str


# Each reads at >= 4.5:1 on the window, field and button backgrounds of its palette
# (tests/ui/common/test_ui_contrast.py checks).
TONES: dict[str, Tone] = {
    "error": Tone("#c62828", "#ff7b72"),
    "warning": Tone("#8a5a00", "#f0b429"),
    "ok": Tone("#1e7b34", "#81c995"),
    "muted": Tone("#5f6368", "#a0a0a0"),
    "progress": Tone("#1a5fb4", "#8ab4f8"),
}

# The tone of a status (``app.campaign.statuses``: how a campaign or a message is doing) -> the colour's.
STATUS_TONES: dict[str, str] = {
    "progress": "progress",
    "good": "ok",
    "warning": "warning",
    "bad": "error",
    "neutral": "muted",
}
BANNER = {False: ("#fff4ce", "#5c4400"), True: ("#4a3b00", "#ffe08a")}  # (background, text) by dark
ERROR_COLOR = TONES["error"].light
WARNING_COLOR = TONES["warning"].light
HEADING_PIXELS = 15

_ROLE = QPalette.ColorRole
_GROUP = QPalette.ColorGroup
_LIVE_GROUPS = (_GROUP.Active, _GROUP.Inactive)
# A toned text keeps the palette's greyed colour when disabled, as other disabled text does.
_TONE_KEYS = tuple((group, role) for group in _LIVE_GROUPS for role in (_ROLE.WindowText, _ROLE.Text))
_BANNER_KEYS = tuple(
    (group, role) for group in (*_LIVE_GROUPS, _GROUP.Disabled) for role in (_ROLE.Window, _ROLE.WindowText)
)
_OWN_KEYS = _TONE_KEYS + _BANNER_KEYS


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def tone_color(tone: str, where: QWidget | QPalette | bool | None = None) -> str:
    """The colour of ``tone`` for the palette of ``where`` (a widget, a palette, or "is dark")."""
    if isinstance(where, bool):
        dark = where
    elif isinstance(where, QWidget):
        dark = is_dark(where.palette())
    else:
        dark = is_dark(where)
    light, dark_variant = TONES[tone]
    return dark_variant if dark else light


def set_tone(widget: QWidget, tone: str) -> None:
    """Colour ``widget``'s text by meaning ("error", "warning", "ok", "muted"; "" for none)."""
    if (widget.property("tone") or "") == tone:
        return
    widget.setProperty("tone", tone)
    _keep_colors(widget)


def set_role(widget: QWidget, role: str) -> None:
    """Give ``widget`` the look of ``role``: "heading" (larger, bold), "muted" (secondary text, as
    ``set_tone(widget, "muted")``) or "banner" (the demo banner: bold on a yellow band)."""
    widget.setProperty("role", role)
    if role == "muted":
        set_tone(widget, "muted")
    elif role == "heading":
        font = QFont(widget.font())
        font.setPixelSize(HEADING_PIXELS)
        font.setWeight(QFont.Weight.DemiBold)
        widget.setFont(font)
    elif role == "banner":
        widget.setAutoFillBackground(True)
        widget.setContentsMargins(12, 4, 12, 4)  # a thin band: the window still fits in 640x400
        set_bold(widget)
        _keep_colors(widget)
    else:
        raise ValueError(f"no such role: {role!r}")


def set_bold(widget: QWidget, bold: bool = True) -> None:
    """Make ``widget``'s text semi-bold, or give it back the weight it inherits."""
    font = QFont(widget.font())
    if bold:
        font.setWeight(QFont.Weight.DemiBold)
    else:
        font.setResolveMask(font.resolveMask() & ~_weight_mask())  # inherit the weight again
    widget.setFont(font)


class _ThemeFollower(QObject):
    """Puts its widget's meaning colours back for the new palette when the palette changes (as when
    the system switches between light and dark)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.PaletteChange and isinstance(watched, QWidget):
            _apply_colors(watched)
        return False


def _keep_colors(widget: QWidget) -> None:
    """Colour ``widget`` now and whenever its palette changes."""
    if widget.findChild(_ThemeFollower, options=Qt.FindChildOption.FindDirectChildrenOnly) is None:
        widget.installEventFilter(_ThemeFollower(widget))
    _apply_colors(widget)


def _apply_colors(widget: QWidget) -> None:
    """Set the palette colours ``widget``'s tone and role ask for, and let it inherit the others."""
    colors: dict[tuple[QPalette.ColorGroup, QPalette.ColorRole], QColor] = {}
    tone = widget.property("tone") or ""
    if widget.property("role") == "banner":
        parent = widget.parentWidget()
        background, text = BANNER[is_dark(parent.palette() if parent else QGuiApplication.palette())]
        colors |= {key: QColor(background if key[1] == _ROLE.Window else text) for key in _BANNER_KEYS}
    if tone:
        colors |= {key: QColor(tone_color(tone, widget)) for key in _TONE_KEYS}
    palette = widget.palette()
    own = palette.resolveMask() & _mask(_OWN_KEYS)
    if own == _mask(tuple(colors)) and all(palette.color(*key) == color for key, color in colors.items()):
        return  # already so: also ends the palette change that setting it sends
    changed = QPalette(palette)
    changed.setResolveMask(palette.resolveMask() & ~_mask(_OWN_KEYS))  # inherit what no longer applies
    for (group, role), color in colors.items():
        changed.setColor(group, role, color)
    widget.setPalette(changed)


@cache
def _weight_mask() -> int:
    """The bit a font's resolve mask has set when its weight is set on it rather than inherited."""
    probe = QFont()
    probe.setWeight(QFont.Weight.Bold)
    return int(probe.resolveMask())


@cache
def _mask(keys: tuple[tuple[QPalette.ColorGroup, QPalette.ColorRole], ...]) -> int:
    """The bits a palette's resolve mask has set for ``keys`` (colours set on it rather than inherited)."""
    probe = QPalette()
    for group, role in keys:
        probe.setColor(group, role, QColor())
    return int(probe.resolveMask())


def _set_colors(palette: QPalette, colors: dict[QPalette.ColorRole, str]) -> QPalette:
    for role, value in colors.items():
        palette.setColor(role, QColor(value))
    return palette


def light_palette(base: QPalette) -> QPalette:
    """Fusion's light palette (``base``) with the two roles it draws below WCAG AA made readable:
    placeholder text (half-transparent black, about 4:1) and white on the selection (about 3.7:1)."""
    palette = QPalette(base)
    role = QPalette.ColorRole
    colors = {role.PlaceholderText: "#5f6368", role.Highlight: "#1f6fb2", role.HighlightedText: "#ffffff"}
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for key, value in colors.items():
            palette.setColor(group, key, QColor(value))
    return palette


def dark_palette() -> QPalette:
    """A dark palette for Fusion, for screenshots and systems whose style has no dark mode."""
    role = QPalette.ColorRole
    palette = _set_colors(
        QPalette(),
        {
            role.Window: "#202124",
            role.WindowText: "#e8eaed",
            role.Base: "#17181a",
            role.AlternateBase: "#26272a",
            role.ToolTipBase: "#303134",
            role.ToolTipText: "#e8eaed",
            role.Text: "#e8eaed",
            role.Button: "#2d2e31",
            role.ButtonText: "#e8eaed",
            role.BrightText: "#ffffff",
            role.Highlight: "#2f6bd0",
            role.HighlightedText: "#ffffff",
            role.Link: "#8ab4f8",
            role.PlaceholderText: "#9aa0a6",
            role.Light: "#3c4043",
            role.Midlight: "#34363a",
            role.Mid: "#2a2b2e",
            role.Dark: "#111214",
            role.Shadow: "#000000",
        },
    )
    for key in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, key, QColor("#6f7378"))
    return palette


def use_theme(app: QApplication, theme: str) -> None:
    """ "light" or "dark" force Fusion with that palette; "system" keeps the platform's."""
    if theme in ("light", "dark"):
        app.setStyle(TabTextStyle("Fusion"))
        app.setPalette(dark_palette() if theme == "dark" else light_palette(app.style().standardPalette()))
