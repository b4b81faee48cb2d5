"""The window's look: a small style sheet on top of the system palette (light or dark).

Colours that carry meaning (errors, warnings, the demo banner) are chosen to read on both
palettes; everything else comes from the platform style so the program feels native.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ui.common.problem_marks import ERROR_COLOR, WARNING_COLOR


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def style_sheet(dark: bool) -> str:
    banner_bg, banner_fg = ("#4a3b00", "#ffe08a") if dark else ("#fff4ce", "#5c4400")
    muted = "#a0a0a0" if dark else "#5f6368"
    return f"""
    QLineEdit[severity="error"], QPlainTextEdit[severity="error"], QTextEdit[severity="error"],
    QComboBox[severity="error"] {{
        border: 2px solid {ERROR_COLOR}; border-radius: 3px;
    }}
    QLineEdit[severity="warning"], QPlainTextEdit[severity="warning"], QTextEdit[severity="warning"],
    QComboBox[severity="warning"] {{
        border: 2px solid {WARNING_COLOR}; border-radius: 3px;
    }}
    QLabel#demoBanner {{
        background: {banner_bg}; color: {banner_fg}; padding: 6px 12px; font-weight: 600;
    }}
    QLabel[role="muted"], QLabel#counterLabel {{ color: {muted}; }}
    QLabel[role="heading"] {{ font-size: 15px; font-weight: 600; }}
    """ + (_DARK_INDICATORS if dark else "")


# Fusion draws unchecked boxes and radio buttons with a frame too dark to see on a dark palette.
_DARK_INDICATORS = """
    QAbstractItemView::indicator:unchecked, QCheckBox::indicator:unchecked {
        border: 1px solid #9aa0a6; border-radius: 2px; background: transparent; width: 12px; height: 12px;
    }
    QRadioButton::indicator:unchecked {
        border: 1px solid #9aa0a6; border-radius: 7px; background: transparent; width: 12px; height: 12px;
    }
"""


def apply_theme(app: QApplication) -> None:
    """Apply the style sheet for the current palette (call again when the palette changes)."""
    app.setStyleSheet(style_sheet(is_dark(app.palette())))


def dark_palette() -> QPalette:
    """A dark palette for Fusion, for screenshots and systems whose style has no dark mode."""
    from PySide6.QtGui import QColor

    palette = QPalette()
    role = QPalette.ColorRole
    colors = {
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
        role.Highlight: "#3d7be0",
        role.HighlightedText: "#ffffff",
        role.Link: "#8ab4f8",
        role.PlaceholderText: "#9aa0a6",
        role.Light: "#3c4043",
        role.Midlight: "#34363a",
        role.Mid: "#2a2b2e",
        role.Dark: "#111214",
        role.Shadow: "#000000",
    }
    for key, value in colors.items():
        palette.setColor(key, QColor(value))
    for key in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, key, QColor("#6f7378"))
    return palette


def use_theme(app: QApplication, theme: str) -> None:
    """ "light" or "dark" force Fusion with that palette; "system" keeps the platform's."""
    if theme in ("light", "dark"):
        app.setStyle("Fusion")
        app.setPalette(dark_palette() if theme == "dark" else app.style().standardPalette())
    apply_theme(app)
