"""The painted pieces of the phone preview: bubbles, cards, media boxes and button pills.

Every colour comes from the widget's palette (light or dark); sizes come from font metrics.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from app.campaign import limits
from app.campaign.model import Card, Suggestion
from app.language import tr
from app.validation.message import CARD_TEXT_SHOWN, CAROUSEL_CARD_TEXT_SHOWN

LINK_GLYPH = "↗"
CALL_GLYPH = "☎"
MEDIA_HEIGHT_RATIO = 0.56  # "medium" media height of a rich card

# How many lines of a card phones show before cutting it off with "…". Neither WWT.world's
# documentation (wwt-api.md) nor the product brief gives a number, and messaging apps differ: these
# are on the safe side, and the preview says the text "may be cut on some phones".
TITLE_LINES_SHOWN = 2
CARD_TEXT_LINES_SHOWN = 8
CAROUSEL_TEXT_LINES_SHOWN = 5  # carousel cards are narrower and all as tall as one another
ELLIPSIS = "…"


def blend(base: QColor, other: QColor, amount: float) -> QColor:
    """``base`` moved ``amount`` (0..1) of the way towards ``other``."""
    return QColor(
        round(base.red() + (other.red() - base.red()) * amount),
        round(base.green() + (other.green() - base.green()) * amount),
        round(base.blue() + (other.blue() - base.blue()) * amount),
    )


def screen_color(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.Base)


def bubble_color(palette: QPalette) -> QColor:
    return blend(screen_color(palette), palette.color(QPalette.ColorRole.Text), 0.08)


def truncate_like_phones(text: str, carousel: bool) -> tuple[str, bool]:
    """The text as phones show it (cut with an ellipsis past what fits), and whether it was cut."""
    shown = CAROUSEL_CARD_TEXT_SHOWN if carousel else CARD_TEXT_SHOWN
    if len(text) <= shown:
        return text, False
    return text[:shown].rstrip() + "…", True


def clamp_lines(text: str, font: QFont, width: float, max_lines: int) -> tuple[str, bool]:
    """``text`` wrapped at ``width`` pixels into at most ``max_lines`` lines, and whether it was cut.

    The lines are joined with line breaks (a label then wraps them no further); when there is more,
    the last line shown ends in "…", as phones end a cut text.
    """
    laid = text.replace("\n", "\u2028")  # a text layout breaks lines at U+2028, not at "\n"
    layout = QTextLayout(laid, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)  # as a word-wrapped label
    layout.setTextOption(option)
    spans: list[tuple[int, int]] = []
    layout.beginLayout()
    while len(spans) <= max_lines:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        spans.append((line.textStart(), line.textLength()))
    layout.endLayout()
    if len(spans) <= max_lines:
        return text, False
    kept = [laid[start : start + length].rstrip(" \u2028") for start, length in spans[: max_lines - 1]]
    rest = " ".join(laid[spans[max_lines - 1][0] :].split("\u2028", 1)[0].split())  # up to a line break
    metrics = QFontMetricsF(font)
    last = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
    if not last.endswith(ELLIPSIS):  # the last line shown is whole; what follows starts on a new line
        last = metrics.elidedText(rest + ELLIPSIS, Qt.TextElideMode.ElideRight, width)
    return "\n".join([*kept, last]), True


def breakable(text: str, run: int = 18) -> str:
    """``text`` with invisible break points inside very long words (web addresses), so they wrap."""
    out: list[str] = []
    for word in text.split(" "):
        if len(word) <= run:
            out.append(word)
            continue
        pieces, since = [], 0
        for ch in word:
            pieces.append(ch)
            since += 1
            if ch in "/?&=.-_" or since >= run:
                pieces.append("\u200b")
                since = 0
        out.append("".join(pieces))
    return " ".join(out)


def text_label(text: str = "", *, bold: bool = False, small: bool = False, muted: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setForegroundRole(QPalette.ColorRole.Text)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    font = QFont(label.font())
    font.setBold(bold)
    if small:
        font.setPointSizeF(font.pointSizeF() * 0.85)
    label.setFont(font)
    if muted:
        set_muted(label)
    return label


def set_muted(label: QLabel) -> None:
    """Secondary text: the palette's placeholder colour, so it follows light and dark themes."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)


class Bubble(QLabel):
    """A chat bubble (the plain RCS text, or the SMS)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setForegroundRole(QPalette.ColorRole.Text)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        pad = self.fontMetrics().height() // 2
        self.setContentsMargins(pad + 2, pad, pad + 2, pad)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_message(self, text: str) -> None:
        self.setText(breakable(text))
        self.setAccessibleDescription(text)

    def fit(self, max_width: int) -> None:
        """As wide as the text needs, at most ``max_width``; as tall as the wrapped text."""
        margins = self.contentsMargins()
        metrics = self.fontMetrics()
        natural = max((metrics.horizontalAdvance(line) for line in self.text().split("\n")), default=0)
        natural += margins.left() + margins.right() + 2
        width = max(min(natural, max_width), metrics.height() * 2)
        height = self.heightForWidth(width)
        self.setFixedSize(width, height if height > 0 else self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        radius = self.fontMetrics().height() * 0.9
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(bubble_color(self.palette()))
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        painter.end()
        super().paintEvent(event)


class MediaBox(QWidget):
    """The card's picture, cropped to fill the box as phones do; a grey placeholder otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.video_label = ""  # "MP4 video" when the media is a video
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(tr("Picture of the card"))

    def set_media(self, image: QImage | None, video_label: str = "") -> None:
        self.image = image
        self.video_label = video_label
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        rect = QRectF(self.rect())
        radius = self.fontMetrics().height() * 0.75
        path = QPainterPath()
        path.addRoundedRect(rect.adjusted(0, 0, 0, radius), radius, radius)  # round the top corners only
        painter.setClipPath(path)
        palette = self.palette()
        if self.image is not None and not self.image.isNull():
            size = self.image.size().toSizeF()
            scale = max(rect.width() / size.width(), rect.height() / size.height())
            source_w, source_h = rect.width() / scale, rect.height() / scale
            source = QRectF((size.width() - source_w) / 2, (size.height() - source_h) / 2, source_w, source_h)
            painter.drawImage(rect, self.image, source)
        else:
            painter.fillRect(rect, blend(screen_color(palette), palette.color(QPalette.ColorRole.Text), 0.14))
            ink = blend(screen_color(palette), palette.color(QPalette.ColorRole.Text), 0.45)
            if self.video_label:
                self._paint_play(painter, rect, ink)
            else:
                self._paint_picture_icon(painter, rect, ink)
        painter.end()

    def _paint_picture_icon(self, painter: QPainter, rect: QRectF, ink: QColor) -> None:
        unit = min(rect.width(), rect.height()) / 6
        icon = QRectF(0, 0, unit * 2.4, unit * 1.8)
        icon.moveCenter(rect.center())
        painter.setPen(QPen(ink, max(1.5, unit / 10)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(icon, unit / 5, unit / 5)
        painter.setBrush(ink)
        sun = QPointF(icon.left() + icon.width() * 0.7, icon.top() + icon.height() * 0.3)
        painter.drawEllipse(sun, unit / 6, unit / 6)
        mountain = QPainterPath()
        mountain.moveTo(icon.left() + unit * 0.2, icon.bottom() - unit * 0.2)
        mountain.lineTo(icon.left() + icon.width() * 0.4, icon.top() + icon.height() * 0.45)
        mountain.lineTo(icon.left() + icon.width() * 0.65, icon.bottom() - unit * 0.2)
        mountain.closeSubpath()
        painter.drawPath(mountain)

    def _paint_play(self, painter: QPainter, rect: QRectF, ink: QColor) -> None:
        unit = min(rect.width(), rect.height()) / 6
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ink)
        center = rect.center()
        painter.drawEllipse(center, unit, unit)
        triangle = QPainterPath()
        triangle.moveTo(center.x() - unit * 0.35, center.y() - unit * 0.5)
        triangle.lineTo(center.x() + unit * 0.55, center.y())
        triangle.lineTo(center.x() - unit * 0.35, center.y() + unit * 0.5)
        triangle.closeSubpath()
        painter.setBrush(screen_color(self.palette()))
        painter.drawPath(triangle)
        painter.setPen(screen_color(self.palette()))
        text_rect = rect.adjusted(0, 0, 0, -unit * 0.3)
        painter.setPen(ink)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, self.video_label)


class ElidedLabel(QLabel):
    """One line of text that ends in "…" when it does not fit, as phones show long names and buttons."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override): any width, the text is elided
        hint = super().minimumSizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("…") * 3, hint.height())

    def shown_text(self) -> str:
        """The text as drawn: whole when it fits, else cut and ended in "…"."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.setFont(self.font())
        painter.drawText(self.contentsRect(), int(self.alignment()), self.shown_text())
        painter.end()


class Pill(ElidedLabel):
    """A suggestion button as phones draw it: a rounded outline with a glyph and the text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setForegroundRole(QPalette.ColorRole.Text)
        pad = self.fontMetrics().height() // 3
        self.setContentsMargins(pad * 2, pad, pad * 2, pad)
        font = QFont(self.font())
        font.setBold(True)
        self.setFont(font)

    def set_suggestion(self, suggestion: Suggestion) -> None:
        glyph = CALL_GLYPH if suggestion.kind == "call" else LINK_GLYPH
        text = suggestion.text or tr("(no text)")
        if len(text) > 2 * limits.SUGGESTION_TEXT_MAX:  # drawn elided anyway: lay out no more than can show
            text = text[: 2 * limits.SUGGESTION_TEXT_MAX] + "…"
        self.setText(f"{glyph}  {text}")
        target = (suggestion.phone if suggestion.kind == "call" else suggestion.url) or ""
        self.setToolTip(target)
        self.setAccessibleName(tr("Button: {text}").format(text=text))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.setPen(QPen(blend(screen_color(palette), palette.color(QPalette.ColorRole.Highlight), 0.7), 1.2))
        painter.setBrush(screen_color(palette))
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        radius = rect.height() / 2
        painter.drawRoundedRect(rect, radius, radius)
        painter.end()
        super().paintEvent(event)  # the text, ended in "…" when the button is too narrow for it


class CardView(QFrame):
    """One rich card as a phone draws it: media on top, bold title, text, then the button pills."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phoneCard")
        self.media = MediaBox()
        self.title = text_label(bold=True)
        self.text = text_label()
        self.cut_note = text_label(small=True, muted=True)
        self.cut_note.setObjectName("cutNote")
        self.empty_note = text_label(tr("Empty card"), muted=True)
        self.pills: list[Pill] = []
        pad = self.fontMetrics().height() * 2 // 3
        self.body = QVBoxLayout()
        self.body.setContentsMargins(pad, pad // 2, pad, pad)
        self.body.setSpacing(pad // 2)
        for widget in (self.title, self.text, self.cut_note, self.empty_note):
            self.body.addWidget(widget)
        self.pill_box = QVBoxLayout()
        self.pill_box.setSpacing(pad // 2)
        self.body.addLayout(self.pill_box)
        self.body.addStretch(1)
        layout = self._outer = QVBoxLayout(self)  # kept: self.layout() is typed "QLayout | None"
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.media)
        layout.addLayout(self.body)
        self.was_cut = False  # the title or the text is cut: by length, or by lines
        self.title_cut = False
        self.text_cut = False
        self._title = ""  # as phones get them, before they are cut to lines
        self._text = ""
        self._text_was_shortened = False
        self._carousel = False

    def show_card(self, card: Card, image: QImage | None, video_label: str, carousel: bool) -> None:
        has_media = bool(card.media_url)
        self.media.setVisible(has_media)
        self.media.set_media(image, video_label)
        title = card.title or ""
        if len(title) > limits.CARD_TITLE_MAX:  # over the limit is an error; no need to lay out all of it
            title = title[: limits.CARD_TITLE_MAX] + ELLIPSIS
        self._title = breakable(title)
        self.title.setVisible(bool(card.title))
        text, self._text_was_shortened = truncate_like_phones(card.text or "", carousel)
        self._text = breakable(text)
        self._carousel = carousel
        self.text.setVisible(bool(text))
        self._cut_to_lines()
        suggestions = card.suggestions or []
        while len(self.pills) > len(suggestions):
            self.pills.pop().deleteLater()
        while len(self.pills) < len(suggestions):
            pill = Pill()
            self.pill_box.addWidget(pill)
            self.pills.append(pill)
        for pill, suggestion in zip(self.pills, suggestions, strict=False):
            pill.set_suggestion(suggestion)
        self.empty_note.setVisible(not (has_media or card.title or text or suggestions))
        self.setAccessibleName(card.title or tr("Card"))

    def set_card_width(self, width: int) -> None:
        self.setFixedWidth(width)
        self.media.setFixedHeight(round(width * MEDIA_HEIGHT_RATIO))
        self._cut_to_lines()

    def _cut_to_lines(self) -> None:
        """Title and text cut where phones cut them, at the card's width; the note says so."""
        margins = self.body.contentsMargins()
        width = max(1, self.width() - margins.left() - margins.right() - 2)  # 2: never a pixel too wide
        text_lines = CAROUSEL_TEXT_LINES_SHOWN if self._carousel else CARD_TEXT_LINES_SHOWN
        title, self.title_cut = clamp_lines(self._title, self.title.font(), width, TITLE_LINES_SHOWN)
        text, cut = clamp_lines(self._text, self.text.font(), width, text_lines)
        self.text_cut = cut or self._text_was_shortened
        self.title.setText(title)
        self.text.setText(text)
        self.was_cut = self.title_cut or self.text_cut
        if self.title_cut and self.text_cut:
            note = tr("The title and the text may be cut at “…” on some phones.")
        elif self.title_cut:
            note = tr("The title may be cut at “…” on some phones.")
        else:
            note = tr("The text may be cut at “…” on some phones.")
        self.cut_note.setText(note)
        self.cut_note.setVisible(self.was_cut)

    def content_height(self, width: int) -> int:
        """The height this card needs at ``width`` (cards of a carousel all get the tallest one's)."""
        layout = self._outer
        return layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else layout.totalSizeHint().height()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        radius = self.fontMetrics().height() * 0.75
        painter.setPen(QPen(blend(screen_color(palette), palette.color(QPalette.ColorRole.Text), 0.16), 1))
        painter.setBrush(bubble_color(palette))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
        painter.end()
