"""When the campaign goes out: now, or at a day and time in the account's time zone.

The calendar allows exactly the days the server accepts (today .. day 30, today being day 1, in
the ACCOUNT's zone, not the computer's). The chosen moment is written to ``campaign.start_at`` as
a naive wall-clock time in that zone; "Send now" writes None. The panel says which zone the time
is in and, when the computer's zone shows a different clock time, the same moment on this
computer. The RCS validity (how long delivery is tried) lives here too.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QDate, QEvent, QTime, QTimer, Signal
from PySide6.QtGui import QPalette, QTextCharFormat
from PySide6.QtWidgets import (
    QButtonGroup,
    QCalendarWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.campaign import limits
from app.campaign.schedule import check_start_at, schedule_days
from app.platform.config import local_time_zone_name
from app.validation import Problem
from ui.common.problem_marks import FieldProblems, ProblemLabel
from ui.compose.editor_state import CampaignEditor
from ui.compose.message_fields import hours_suffix

OWNED_PATHS = ("start_at", "validity", "time_zone")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
REFRESH_MS = 30_000  # "today" and "already passed" follow the real clock


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        return ZoneInfo("UTC")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    """``QDate.toPython()``, typed (the stubs say it returns ``object``)."""
    return date(day.year(), day.month(), day.day())


def format_offset(moment: datetime) -> str:
    """``UTC+02:00`` / ``UTC-08:00`` / ``UTC+05:45`` for an aware moment."""
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def short_moment(moment: datetime, today: date | None = None) -> str:
    """``10:00 on Tue 3 Dec`` (the year is added when it is not the year of ``today``)."""
    text = f"{moment:%H:%M} on {_DAYS[moment.weekday()]} {moment.day} {_MONTHS[moment.month - 1]}"
    if today is not None and moment.year != today.year:
        text += f" {moment.year}"
    return text


class SchedulePanel(QWidget):
    """Send now, or schedule for a day and time; plus the RCS validity in hours.

    Signals: ``schedule_changed()`` after the user changed the send time or mode.
    ``set_clock(now)`` pins "now" for tests (default: the editor's clock, else the real one);
    ``set_local_time_zone(name)`` overrides the computer's zone (tests).
    """

    schedule_changed = Signal()

    def __init__(self, editor: CampaignEditor, account_time_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("schedulePanel")
        self.editor = editor
        self.unplaced_problems: list[Problem] = []
        self._zone_name = account_time_zone
        self._local_zone_name = local_time_zone_name()
        self._now: datetime | None = None
        self._loading = False
        self._wall: datetime | None = None  # the scheduled wall time shown (account zone)
        self._own_problem: Problem | None = None
        self._greyed: tuple[date, date] | None = None  # the range the calendar's greyed days were set for
        self._build()
        self._problems = FieldProblems()
        self._problems.bind("start_at", self.time_edit, self.start_problem)
        self._problems.bind("validity", self.validity_spin, self.validity_problem)
        self._problems.bind("time_zone", self.zone_label, self.zone_problem)
        editor.document_replaced.connect(self.reload)
        editor.problems_changed.connect(self._show_problems)
        editor.content_changed.connect(self._update_validity_note)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.timeout.connect(editor.revalidate)  # a planned time can pass while nobody types
        self._timer.start()
        self.reload()

    # --- building ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("When to send"))
        heading.setProperty("role", "heading")
        layout.addWidget(heading)

        self.now_radio = QRadioButton(self.tr("Send now"))
        self.now_radio.setAccessibleName(self.tr("Send now"))
        self.now_radio.setToolTip(self.tr("The campaign starts as soon as you send it."))
        self.later_radio = QRadioButton(self.tr("Schedule for a day and time:"))
        self.later_radio.setAccessibleName(self.tr("Schedule for a day and time"))
        days = limits.SCHEDULE_DAYS
        self.later_radio.setToolTip(
            self.tr("Choose a day up to {days} days ahead, today included, and a time.").format(days=days)
        )
        self._mode = QButtonGroup(self)
        self._mode.addButton(self.now_radio)
        self._mode.addButton(self.later_radio)
        layout.addWidget(self.now_radio)
        layout.addWidget(self.later_radio)

        self.schedule_box = QWidget()
        box = QVBoxLayout(self.schedule_box)
        box.setContentsMargins(self.fontMetrics().horizontalAdvance("MM"), 0, 0, 0)
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName("scheduleCalendar")
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setAccessibleName(self.tr("Send day"))
        self.calendar.setToolTip(
            self.tr("Days that cannot be chosen are greyed out: today up to day {days}.").format(days=days)
        )
        box.addWidget(self.calendar)
        time_row = QHBoxLayout()
        time_label = QLabel(self.tr("&Time:"))
        self.time_edit = QTimeEdit()
        self.time_edit.setObjectName("scheduleTime")
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(self.tr("Send time"))
        self.time_edit.setToolTip(self.tr("The time the campaign starts, in the account's time zone."))
        time_label.setBuddy(self.time_edit)
        time_row.addWidget(time_label)
        time_row.addWidget(self.time_edit)
        time_row.addStretch(1)
        box.addLayout(time_row)
        self.start_problem = ProblemLabel()
        box.addWidget(self.start_problem)
        layout.addWidget(self.schedule_box)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("scheduleSummary")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.local_label = QLabel()
        self.local_label.setObjectName("localTimeLabel")
        self.local_label.setWordWrap(True)
        layout.addWidget(self.local_label)
        self.zone_label = QLabel()
        self.zone_label.setObjectName("zoneLabel")
        self.zone_label.setWordWrap(True)
        self.zone_label.setProperty("role", "muted")
        layout.addWidget(self.zone_label)
        self.zone_problem = ProblemLabel()
        layout.addWidget(self.zone_problem)

        layout.addSpacing(self.fontMetrics().height() // 2)
        heading2 = QLabel(self.tr("How long to try"))
        heading2.setProperty("role", "heading")
        layout.addWidget(heading2)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.validity_spin = QSpinBox()
        self.validity_spin.setObjectName("rcsValidity")
        self.validity_spin.setRange(limits.VALIDITY_MIN_HOURS, limits.VALIDITY_MAX_HOURS)
        hours_suffix(self.validity_spin)
        self.validity_spin.setAccessibleName(self.tr("RCS delivery time in hours"))
        self.validity_spin.setToolTip(
            self.tr("How long WWT.world keeps trying to deliver the RCS message ({low} to {high} hours).").format(
                low=limits.VALIDITY_MIN_HOURS, high=limits.VALIDITY_MAX_HOURS
            )
        )
        form.addRow(self.tr("&Deliver for up to:"), self.validity_spin)
        layout.addLayout(form)
        self.validity_note = QLabel()
        self.validity_note.setObjectName("validityNote")
        self.validity_note.setWordWrap(True)
        self.validity_note.setProperty("role", "muted")
        layout.addWidget(self.validity_note)
        self.validity_problem = ProblemLabel()
        layout.addWidget(self.validity_problem)
        layout.addStretch(1)

        self.now_radio.toggled.connect(self.on_mode_toggled)
        self.calendar.selectionChanged.connect(self.on_calendar_changed)
        self.time_edit.timeChanged.connect(self.on_time_changed)
        self.validity_spin.valueChanged.connect(self.on_validity_changed)
        self.setTabOrder(self.now_radio, self.later_radio)
        self.setTabOrder(self.later_radio, self.calendar)
        self.setTabOrder(self.calendar, self.time_edit)
        self.setTabOrder(self.time_edit, self.validity_spin)

    # --- public --------------------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        return _zone(self._zone_name)

    def now(self) -> datetime:
        """The current moment (aware): the pinned clock, the editor's, else the real one."""
        pinned = self._now or getattr(self.editor, "clock", None)
        if pinned is None:
            return datetime.now(UTC)
        return pinned if pinned.tzinfo else pinned.replace(tzinfo=UTC)

    def set_clock(self, now: datetime | None) -> None:
        self._now = now
        self.refresh()

    def set_account_time_zone(self, name: str) -> None:
        """The account's zone changed (Settings): show the same scheduled moment in the new zone."""
        self._zone_name = name
        self.reload()

    def set_local_time_zone(self, name: str) -> None:
        self._local_zone_name = name
        self.refresh()

    def reload(self) -> None:
        """Show the document's schedule and validity (after New, Open, restore)."""
        campaign = self.editor.campaign
        self._loading = True
        try:
            self._wall = self._document_wall()
            self.later_radio.setChecked(self._wall is not None)
            self.now_radio.setChecked(self._wall is None)
            if self._wall is not None:
                self.time_edit.setTime(QTime(self._wall.hour, self._wall.minute))
            else:
                self.time_edit.setTime(QTime(self._default_wall().hour, 0))
            validity = campaign.validity if campaign.validity is not None else limits.VALIDITY_DEFAULT_HOURS
            # Clamped here as Qt would: a file may hold a number too large for Qt's int (OverflowError).
            self.validity_spin.setValue(min(max(validity, self.validity_spin.minimum()), self.validity_spin.maximum()))
            self.refresh()
        finally:
            self._loading = False
        self._update_validity_note()

    def refresh(self) -> None:
        """Recompute the allowed days, the texts and the immediate check (the clock may have moved)."""
        was_loading, self._loading = self._loading, True
        try:
            first, last = schedule_days(self.zone, self.now())
            self.calendar.setDateRange(_qdate(first), _qdate(last))
            self._grey_out_of_range(first, last)
            shown = self._wall.date() if self._wall is not None else first
            if first <= shown <= last:
                self.calendar.setSelectedDate(_qdate(shown))
        finally:
            self._loading = was_loading
        self.schedule_box.setVisible(self.later_radio.isChecked())
        self._update_texts()
        self._own_problem = check_start_at(self._wall, self.zone, self.now()) if self._wall is not None else None
        self._show_problems(self.editor.problems)

    def _grey_out_of_range(self, first: date, last: date) -> None:
        """Days that cannot be chosen look disabled (the style alone does not show it)."""
        if self._greyed == (first, last):
            return
        self._greyed = (first, last)
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clears every day's format
        grey = QTextCharFormat()
        grey.setForeground(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        grey.setToolTip(
            self.tr("Campaigns can be scheduled from today up to day {days}.").format(days=limits.SCHEDULE_DAYS)
        )
        for offset in range(1, 43):  # a month page shows at most six weeks
            for day in (first - timedelta(days=offset), last + timedelta(days=offset)):
                self.calendar.setDateTextFormat(_qdate(day), grey)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and getattr(self, "_greyed", None) is not None:
            self._greyed = None  # the greyed days follow the new palette
            self.refresh()

    # --- reading and writing the document ------------------------------------------------

    def _document_wall(self) -> datetime | None:
        """The document's start_at as a wall time in the account's zone (converted if saved for another)."""
        start = self.editor.campaign.start_at
        if start is None:
            return None
        doc_zone_name = self.editor.document.time_zone
        if doc_zone_name == self._zone_name:
            return start.replace(tzinfo=None)
        try:
            moment = start.replace(tzinfo=_zone(doc_zone_name)).astimezone(self.zone)
        except OverflowError:  # a year like 9999 from a file: shown as written, validation says what to do
            return start.replace(tzinfo=None)
        return moment.replace(tzinfo=None, fold=0)

    def _default_wall(self) -> datetime:
        """The next full hour after now, in the account's zone."""
        now = self.now().astimezone(self.zone).replace(tzinfo=None)
        return now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)

    def _write(self) -> None:
        campaign = self.editor.campaign
        campaign.start_at = self._wall
        if self._wall is not None:
            self.editor.document.time_zone = self._zone_name
        self.editor.touch()
        self.schedule_changed.emit()

    def on_mode_toggled(self, now_checked: bool) -> None:
        if self._loading:
            return
        if now_checked:
            self._wall = None
        else:
            picked = self.time_edit.time()
            wall = datetime.combine(_pydate(self.calendar.selectedDate()), time(picked.hour(), picked.minute()))
            default = self._default_wall()
            if wall < default:  # start from a time that is still ahead, not from a stale one
                wall = default
                self._loading = True
                try:
                    self.time_edit.setTime(QTime(wall.hour, wall.minute))
                finally:
                    self._loading = False
            self._wall = wall
        self.refresh()
        self._write()

    def on_calendar_changed(self) -> None:
        if self._loading or not self.later_radio.isChecked():
            return
        picked = self.time_edit.time()
        self._wall = datetime.combine(_pydate(self.calendar.selectedDate()), time(picked.hour(), picked.minute()))
        self.refresh()
        self._write()

    def on_time_changed(self, value: QTime) -> None:
        if self._loading or not self.later_radio.isChecked():
            return
        day = self._wall.date() if self._wall is not None else _pydate(self.calendar.selectedDate())
        self._wall = datetime.combine(day, time(value.hour(), value.minute()))
        self.refresh()
        self._write()

    def on_validity_changed(self, value: int) -> None:
        if self._loading:
            return
        self.editor.campaign.validity = value
        self.editor.touch()

    # --- texts and problems --------------------------------------------------------------

    def _update_texts(self) -> None:
        zone = self.zone
        moment = self._wall.replace(tzinfo=zone) if self._wall is not None else self.now().astimezone(zone)
        self.zone_label.setText(
            self.tr("Times are in the account's time zone: {zone} ({offset}).").format(
                zone=self._zone_name, offset=format_offset(moment)
            )
        )
        today = self.now().astimezone(zone).date()
        if self._wall is None:
            self.summary_label.setText(self.tr("The campaign starts as soon as you send it."))
            self.local_label.hide()
            return
        self.summary_label.setText(
            self.tr("Starts at {moment} ({zone}).").format(moment=short_moment(self._wall, today), zone=self._zone_name)
        )
        local = moment.astimezone(_zone(self._local_zone_name))
        if local.replace(tzinfo=None) == self._wall:
            self.local_label.hide()
            return
        self.local_label.setText(
            self.tr("That is {moment} on this computer ({zone}).").format(
                moment=short_moment(local, today), zone=self._local_zone_name
            )
        )
        self.local_label.show()

    def _update_validity_note(self) -> None:
        sms_on = self.editor.campaign.sms is not None
        hours = self.validity_spin.value()
        if sms_on:
            text = self.tr(
                "WWT.world tries to deliver the RCS message for up to {hours} hours; after that, phones that did "
                "not get it receive the SMS fallback."
            )
        else:
            text = self.tr(
                "WWT.world tries to deliver the RCS message for up to {hours} hours; after that it expires "
                "(the SMS fallback is off)."
            )
        self.validity_note.setText(text.format(hours=hours))

    def _show_problems(self, problems: list[Problem]) -> None:
        shown = [p for p in problems if p.path in OWNED_PATHS]
        if self._wall is None:
            shown = [p for p in shown if p.path != "start_at"]
        elif self._own_problem is not None:
            shown = [p for p in shown if p.path != "start_at"] + [self._own_problem]
        self.unplaced_problems = self._problems.show(shown)
