"""A layout that puts boxes side by side while they fit, and starts a new row when they do not.

A wide window shows the campaign's four boxes in one row; a narrow one two or three rows, never a
horizontal scroll bar. Each box gets at least the width it asks for (its size hint, so values stay
on their lines); the width left over in a row is shared by the row's boxes in proportion to their
stretch. Boxes keep their own heights (top-aligned), so a short box does not stretch to a tall one.

Qt asks a layout for its sizes many times per pass (a first layout of the campaign detail asked
thousands of times, 40-150 ms): the answers are kept until the layout is invalidated, which Qt does
whenever a box's size hint or visibility changes.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QLayout, QLayoutItem, QStyle, QWidget, QWidgetItem

_Row = list[tuple[QLayoutItem, int, int]]  # (item, stretch, width wanted)


class BoxRows(QLayout):
    """Boxes in rows: ``add_widget(box, stretch)``; hidden boxes take no room."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[QLayoutItem, int]] = []
        self._shown_cache: list[tuple[QLayoutItem, int]] | None = None
        self._sizes: dict[tuple[str, int], int] = {}  # ("wanted"|"min", item index) -> width
        self._heights: dict[tuple[int, int], int] = {}  # (item index, width) -> height of the item
        self._layout_heights: dict[int, int] = {}  # width -> heightForWidth
        self._hint: QSize | None = None
        self._minimum: QSize | None = None

    def invalidate(self) -> None:
        """A box changed (its hint, its visibility) or was added: forget the sizes kept."""
        self._shown_cache = None
        self._sizes.clear()
        self._heights.clear()
        self._layout_heights.clear()
        self._hint = self._minimum = None
        super().invalidate()

    def add_widget(self, widget: QWidget, stretch: int = 1) -> None:
        self.addChildWidget(widget)
        self._items.append((QWidgetItem(widget), max(stretch, 1)))
        self.invalidate()

    # QLayout ----------------------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 (Qt override)
        self._items.append((item, 1))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        return self._items[index][0] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 (Qt override)
        if not 0 <= index < len(self._items):
            return None
        item, _stretch = self._items.pop(index)
        self.invalidate()
        return item

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt override)
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        height = self._layout_heights.get(width)
        if height is None:
            height = self._layout_heights[width] = self._arrange(QRect(0, 0, width, 0), place=False)
        return height

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Every box in one row."""
        if self._hint is None:
            shown = self._shown()
            width = sum(self._wanted(item) for item, _ in shown) + self._gap() * max(len(shown) - 1, 0)
            height = max((self._height(item, self._wanted(item)) for item, _ in shown), default=0)
            self._hint = self._with_margins(QSize(width, height))
        return QSize(self._hint)

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt override)
        """One box a row: as narrow as the widest box's minimum."""
        if self._minimum is None:
            shown = self._shown()
            width = max((self._minimum_width(item) for item, _ in shown), default=0)
            height = max((item.minimumSize().height() for item, _ in shown), default=0)
            self._minimum = self._with_margins(QSize(width, height))
        return QSize(self._minimum)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt override)
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    # Arranging --------------------------------------------------------------------------------------

    def _gap(self) -> int:
        if self.spacing() >= 0:
            return self.spacing()
        widget = self.parentWidget()
        style = widget.style() if widget is not None else QApplication.style()
        return max(style.pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing), 0)

    def _shown(self) -> list[tuple[QLayoutItem, int]]:
        if self._shown_cache is None:
            self._shown_cache = [(item, stretch) for item, stretch in self._items if not item.isEmpty()]
        return self._shown_cache

    def _with_margins(self, size: QSize) -> QSize:
        margins = self.contentsMargins()
        return QSize(size.width() + margins.left() + margins.right(), size.height() + margins.top() + margins.bottom())

    def _index(self, item: QLayoutItem) -> int:
        return next(number for number, (own, _stretch) in enumerate(self._items) if own is item)

    def _minimum_width(self, item: QLayoutItem) -> int:
        key = ("min", self._index(item))
        width = self._sizes.get(key)
        if width is None:
            width = self._sizes[key] = item.minimumSize().width()
        return width

    def _wanted(self, item: QLayoutItem) -> int:
        key = ("wanted", self._index(item))
        width = self._sizes.get(key)
        if width is None:
            width = self._sizes[key] = max(item.sizeHint().width(), self._minimum_width(item))
        return width

    def _height(self, item: QLayoutItem, width: int) -> int:
        key = (self._index(item), width)
        height = self._heights.get(key)
        if height is None:
            height = self._heights[key] = (
                item.heightForWidth(width) if item.hasHeightForWidth() else item.sizeHint().height()
            )
        return height

    def _rows(self, width: int) -> list[_Row]:
        rows: list[_Row] = []
        used = 0
        for item, stretch in self._shown():
            wanted = min(self._wanted(item), max(width, self._minimum_width(item)))
            if rows and used + self._gap() + wanted <= width:
                rows[-1].append((item, stretch, wanted))
                used += self._gap() + wanted
            else:
                rows.append([(item, stretch, wanted)])
                used = wanted
        return rows

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        """Place the boxes in ``rect`` (when ``place``); the height they take."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        y = area.y()
        for row in self._rows(area.width()):
            spare = area.width() - sum(wanted for _, _, wanted in row) - self._gap() * (len(row) - 1)
            stretches = sum(stretch for _, stretch, _ in row)
            x, tallest = area.x(), 0
            for item, stretch, wanted in row:
                width = wanted + max(spare, 0) * stretch // stretches
                height = self._height(item, width)
                if place:
                    item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
                x += width + self._gap()
                tallest = max(tallest, height)
            y += tallest + self._gap()
        return max(y - self._gap() - area.y(), 0) + margins.top() + margins.bottom()
