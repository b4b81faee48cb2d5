"""The schedule's calendar: the days that can be chosen look like it, whatever month page shows them.

Qt greys every day of the neighbouring months, so day 30 at the start of next month looked as
disabled as day 31; and it clamps the selection to the allowed range, so a past date from a file
showed as today. ``ScheduleCalendar.set_days(first, last, stored)`` allows ``first .. last`` and
widens the range just enough to select ``stored`` (a date from the file outside those days), which
is drawn like the other days that cannot be chosen; the panel says why beside it.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QCalendarWidget, QWidget


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    """``QDate.toPython()``, typed (the stubs say it returns ``object``)."""
    return date(day.year(), day.month(), day.day())


class ScheduleCalendar(QCalendarWidget):
    """A month calendar where exactly the allowed days look enabled (see the module's docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first: date | None = None
        self._last: date | None = None

    def set_days(self, first: date, last: date, stored: date | None = None) -> None:
        """Allow ``first .. last``; ``stored`` (outside them) can be shown selected, not chosen anew."""
        low = min(first, stored) if stored is not None else first
        high = max(last, stored) if stored is not None else last
        if (self._first, self._last) != (first, last):
            self._first, self._last = first, last
            self.update()
        if (self.minimumDate(), self.maximumDate()) != (qdate(low), qdate(high)):
            self.setDateRange(qdate(low), qdate(high))

    def is_allowed(self, day: date) -> bool:
        return self._first is not None and self._last is not None and self._first <= day <= self._last

    def paintCell(self, painter: QPainter, rect: QRect, day: QDate) -> None:  # noqa: N802 - Qt override
        shown_month = day.month() == self.monthShown() and day.year() == self.yearShown()
        allowed = self.is_allowed(pydate(day))
        if day == self.selectedDate() or (allowed and shown_month):
            super().paintCell(painter, rect, day)  # Qt's own look, selection included
            return
        palette = self.palette()
        painter.save()
        if allowed:  # a day of the next (or previous) month that can be chosen: as enabled as any other
            painter.fillRect(rect, palette.brush(QPalette.ColorRole.Base))
            weekday = self.weekdayTextFormat(Qt.DayOfWeek(day.dayOfWeek())).foreground()  # Qt's red weekends
            has_own = weekday.style() != Qt.BrushStyle.NoBrush
            color = weekday.color() if has_own else palette.color(QPalette.ColorRole.Text)
        else:
            painter.fillRect(rect, palette.brush(QPalette.ColorRole.Window))
            color = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        painter.setPen(color)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(day.day()))
        painter.restore()
