"""The window's look: a small style sheet on top of the system palette (light or dark).

Colours that carry meaning (errors, warnings, success, secondary text, the demo banner) come from
``TONES`` and the style sheet here, each with a light and a dark variant that reads at WCAG AA
(4.5:1) on the palette's window and field backgrounds; everything else comes from the platform
style so the program feels native. A widget gets a meaning colour with ``set_tone``: the colour
then follows the palette when the system switches between light and dark.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QWidget

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
}
BANNER = {False: ("#fff4ce", "#5c4400"), True: ("#4a3b00", "#ffe08a")}  # (background, text) by dark
ERROR_COLOR = TONES["error"].light
WARNING_COLOR = TONES["warning"].light


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
    style: QStyle = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def style_sheet(dark: bool) -> str:
    banner_bg, banner_fg = BANNER[dark]
    error, warning = tone_color("error", dark), tone_color("warning", dark)
    tones = "\n".join(
        f'    QWidget[tone="{name}"] {{ color: {tone_color(name, dark)}; }}' for name in TONES if name != "muted"
    )
    return f"""
    QLineEdit[severity="error"], QPlainTextEdit[severity="error"], QTextEdit[severity="error"],
    QComboBox[severity="error"] {{
        border: 2px solid {error}; border-radius: 3px;
    }}
    QLineEdit[severity="warning"], QPlainTextEdit[severity="warning"], QTextEdit[severity="warning"],
    QComboBox[severity="warning"] {{
        border: 2px solid {warning}; border-radius: 3px;
    }}
    QLabel#demoBanner {{
        background: {banner_bg}; color: {banner_fg}; padding: 6px 12px; font-weight: 600;
    }}
    QLabel[role="muted"], QLabel#counterLabel, QWidget[tone="muted"] {{ color: {tone_color("muted", dark)}; }}
{tones}
    QLabel[role="heading"] {{ font-size: 15px; font-weight: 600; }}
    """ + (_DARK_INDICATORS if dark else "")


# Fusion draws unchecked boxes and radio buttons with a frame too dark to see on a dark palette.
_DARK_INDICATORS = """
    QAbstractItemView::indicator:unchecked, QCheckBox::indicator:unchecked {
        border: 1px solid #9aa0a6; border-radius: 2px; background: transparent; width: 12px; height: 12px;
    }
    QAbstractItemView::indicator:indeterminate, QCheckBox::indicator:indeterminate {
        border: 1px solid #9aa0a6; border-radius: 2px; background: #6f7378; width: 12px; height: 12px;
    }
    QRadioButton::indicator:unchecked {
        border: 1px solid #9aa0a6; border-radius: 7px; background: transparent; width: 12px; height: 12px;
    }
"""


def apply_theme(app: QApplication) -> None:
    """Apply the style sheet for the current palette (call again when the palette changes)."""
    app.setStyleSheet(style_sheet(is_dark(app.palette())))


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
    apply_theme(app)
