"""The Campaigns list's small delivered/sent bar: one per row, drawn by a delegate on the "Delivered" column.

The model gives each row a ``DeliveryShare`` (``DELIVERY_ROLE``; None for a campaign with no message sent
yet) and its words for screen readers (``share_words``). The bar is the share of the RCS messages sent
that were delivered, the part also read a darker shade of it, with the percentage beside it; it is
drawn in the theme's "ok" colour (``ui.common.theme``), so it reads on light and dark palettes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.campaign.text import count_words
from app.history import HistoryRecord
from app.language import tr
from ui.campaigns.delivery_picture import percent
from ui.common.theme import is_dark, tone_color

DELIVERY_ROLE = Qt.ItemDataRole.UserRole + 3
WIDEST_TEXT = "100 %"
BAR_CHARS = 10  # the bar's length in average characters
READ_DARKER = 150  # QColor.darker factor of the part that was also read


@dataclass(frozen=True)
class DeliveryShare:
    """The RCS counts a row's bar is drawn from (``sent`` > 0)."""

    sent: int
    delivered: int
    read: int

    @property
    def delivered_part(self) -> float:
        return min(max(self.delivered / self.sent, 0.0), 1.0)

    @property
    def read_part(self) -> float:
        return min(max(self.read / self.sent, 0.0), self.delivered_part)

    @property
    def percent_text(self) -> str:
        return f"{percent(self.delivered, self.sent)} %"


def delivery_share(record: HistoryRecord) -> DeliveryShare | None:
    """The bar of ``record``; None while no RCS message has been sent (scheduled, being created...)."""
    if not record.sent or record.sent <= 0:
        return None
    return DeliveryShare(record.sent, max(record.delivered or 0, 0), max(record.read or 0, 0))


def share_words(record: HistoryRecord) -> str:
    """The bar in words: "812 of 1,000 delivered (81 %), 400 read", or why there is none."""
    share = delivery_share(record)
    if share is None:
        if record.campaign_id is None:
            return tr("No figures yet")
        return tr("Not sent yet") if record.is_active else tr("No messages sent")
    delivered, sent, percent_text = count_words(share.delivered), count_words(share.sent), share.percent_text
    if share.read:
        return tr("{delivered} of {sent} delivered ({percent}), {read} read").format(
            delivered=delivered, sent=sent, percent=percent_text, read=count_words(share.read)
        )
    return tr("{delivered} of {sent} delivered ({percent})").format(
        delivered=delivered, sent=sent, percent=percent_text
    )


class DeliveryBarDelegate(QStyledItemDelegate):
    """Paints a row's ``DeliveryShare`` as a bar and its percentage; rows without one get the plain text.

    Painting runs for every visible row: the colours are made once per palette, and nothing else is
    allocated beyond the rectangles."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._colours: dict[bool, tuple[QColor, QColor]] = {}

    def colours(self, dark: bool) -> tuple[QColor, QColor]:
        """(delivered, also read) on a light or a dark palette."""
        found = self._colours.get(dark)
        if found is None:
            delivered = QColor(tone_color("ok", dark))
            found = (delivered, delivered.darker(READ_DARKER))
            self._colours[dark] = found
        return found

    @staticmethod
    def bar_rect(cell: QRect, metrics: QFontMetrics) -> QRectF:
        """Where the bar of a cell is drawn (its whole length: 100 %); the percentage goes to its right."""
        pad = metrics.averageCharWidth()
        text_width = metrics.horizontalAdvance(WIDEST_TEXT)
        height = max(4.0, metrics.height() * 0.45)
        width = max(cell.width() - text_width - 3 * pad, pad)
        return QRectF(cell.left() + pad, cell.center().y() - height / 2 + 1, width, height)

    def sizeHint(  # noqa: N802 (Qt override)
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        metrics = option.fontMetrics
        width = metrics.averageCharWidth() * (BAR_CHARS + 3) + metrics.horizontalAdvance(WIDEST_TEXT)
        return QSize(max(hint.width(), width), hint.height())

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        share = index.data(DELIVERY_ROLE)
        if not isinstance(share, DeliveryShare):
            super().paint(painter, option, index)  # "—"
            return
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        item.text = ""
        widget = item.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, widget)  # background, selection

        palette: QPalette = item.palette
        cell: QRect = item.rect
        metrics: QFontMetrics = item.fontMetrics
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        dark = is_dark(palette)
        delivered_colour, read_colour = self.colours(dark)
        bar = self.bar_rect(cell, metrics)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(
            palette.color(QPalette.ColorRole.HighlightedText) if selected else Qt.PenStyle.NoPen
        )  # on the selection's colour the bar keeps an edge
        painter.setBrush(palette.color(QPalette.ColorRole.Mid))
        painter.drawRoundedRect(bar, 2, 2)
        painter.setPen(Qt.PenStyle.NoPen)
        for part, colour in ((share.delivered_part, delivered_colour), (share.read_part, read_colour)):
            if part > 0:
                painter.setBrush(colour)
                painter.drawRoundedRect(QRectF(bar.left(), bar.top(), max(bar.width() * part, 2.0), bar.height()), 2, 2)
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        text = QRect(round(bar.right()) + metrics.averageCharWidth(), cell.top(), 0, cell.height())
        text.setRight(cell.right())
        painter.drawText(text, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), share.percent_text)
        painter.restore()
