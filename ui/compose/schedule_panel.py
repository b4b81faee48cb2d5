"""When the campaign goes out: now, or at a day and time in the account's time zone.

The calendar allows exactly the days the server accepts (today .. day 30, today being day 1, in
the ACCOUNT's zone, not the computer's) and says the latest moment in words. The chosen moment is
written to ``campaign.start_at`` as a naive wall-clock time in that zone; "Send now" writes None.
The planned time is said as everywhere else (``app.campaign.clock_words``): in the account's zone,
then on this computer when its clock differs. The RCS validity (how long delivery is tried) lives
here too. Values from a file that cannot be chosen (a past day, a validity of 100) are shown as
they are, with their error, never replaced by an allowed one.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCalendarWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.campaign import limits
from app.campaign.clock_words import moment_words, planned_time_text, zone_words
from app.campaign.schedule import check_start_at, latest_allowed_text, schedule_days
from app.campaign.time_zones import zone_info
from app.language import tr, tr_n
from app.platform.config import local_time_zone_name
from app.validation import Problem
from ui.common.problem_marks import FieldProblems, ProblemLabel
from ui.common.stored_spin import StoredValueSpinBox, show_stored_hours
from ui.common.theme import set_role
from ui.compose.editor_state import CampaignEditor
from ui.compose.message_fields import hours_suffix
from ui.compose.schedule_calendar import ScheduleCalendar, pydate, qdate

OWNED_PATHS = ("start_at", "validity", "time_zone")
REFRESH_MS = 30_000  # "today" and "already passed" follow the real clock


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
        heading = QLabel(tr("When to send"))
        set_role(heading, "heading")
        layout.addWidget(heading)

        self.now_radio = QRadioButton(tr("Send now"))
        self.now_radio.setAccessibleName(tr("Send now"))
        self.now_radio.setToolTip(tr("The campaign starts as soon as you send it."))
        self.later_radio = QRadioButton(tr("Schedule for a day and time:"))
        self.later_radio.setAccessibleName(tr("Schedule for a day and time"))
        days = limits.SCHEDULE_DAYS
        self.later_radio.setToolTip(
            tr_n(
                "Choose a day up to {count} day ahead, today included, and a time.",
                "Choose a day up to {count} days ahead, today included, and a time.",
                days,
            ).format(count=days)
        )
        self._mode = QButtonGroup(self)
        self._mode.addButton(self.now_radio)
        self._mode.addButton(self.later_radio)
        layout.addWidget(self.now_radio)
        layout.addWidget(self.later_radio)

        self.schedule_box = QWidget()
        box = QVBoxLayout(self.schedule_box)
        box.setContentsMargins(self.fontMetrics().horizontalAdvance("MM"), 0, 0, 0)
        self.calendar = ScheduleCalendar()
        self.calendar.setObjectName("scheduleCalendar")
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setAccessibleName(tr("Send day"))
        self.calendar.setToolTip(
            tr("Days that cannot be chosen are greyed out: today up to day {days}.").format(days=days)
        )
        box.addWidget(self.calendar)
        time_row = QHBoxLayout()
        time_label = QLabel(tr("&Time:"))
        self.time_edit = QTimeEdit()
        self.time_edit.setObjectName("scheduleTime")
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName(tr("Send time"))
        self.time_edit.setToolTip(tr("The time the campaign starts, in the account's time zone."))
        time_label.setBuddy(self.time_edit)
        time_row.addWidget(time_label)
        time_row.addWidget(self.time_edit)
        time_row.addStretch(1)
        box.addLayout(time_row)
        self.start_problem = ProblemLabel()
        box.addWidget(self.start_problem)
        self.latest_label = QLabel()
        self.latest_label.setObjectName("latestStart")
        self.latest_label.setWordWrap(True)
        set_role(self.latest_label, "muted")
        box.addWidget(self.latest_label)
        layout.addWidget(self.schedule_box)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("scheduleSummary")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.file_time_label = QLabel()  # the file's own zone, when it is not the account's
        self.file_time_label.setObjectName("fileTimeLabel")
        self.file_time_label.setWordWrap(True)
        set_role(self.file_time_label, "muted")
        layout.addWidget(self.file_time_label)
        self.zone_label = QLabel()
        self.zone_label.setObjectName("zoneLabel")
        self.zone_label.setWordWrap(True)
        set_role(self.zone_label, "muted")
        layout.addWidget(self.zone_label)
        self.zone_problem = ProblemLabel()
        layout.addWidget(self.zone_problem)

        layout.addSpacing(self.fontMetrics().height() // 2)
        heading2 = QLabel(tr("How long to try"))
        set_role(heading2, "heading")
        layout.addWidget(heading2)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.validity_spin = StoredValueSpinBox()
        self.validity_spin.setObjectName("rcsValidity")
        self.validity_spin.setRange(limits.VALIDITY_MIN_HOURS, limits.VALIDITY_MAX_HOURS)
        hours_suffix(self.validity_spin)
        self.validity_spin.setAccessibleName(tr("Keep trying to deliver the RCS message for, in hours"))
        self.validity_spin.setToolTip(
            tr("How long WWT.world keeps trying to deliver the RCS message ({low} to {high} hours).").format(
                low=limits.VALIDITY_MIN_HOURS, high=limits.VALIDITY_MAX_HOURS
            )
        )
        form.addRow(tr("&Keep trying for:"), self.validity_spin)
        layout.addLayout(form)
        self.validity_note = QLabel()
        self.validity_note.setObjectName("validityNote")
        self.validity_note.setWordWrap(True)
        set_role(self.validity_note, "muted")
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
        return zone_info(self._zone_name)

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
        self._loading = True
        try:
            self._wall = self._document_wall()
            self.later_radio.setChecked(self._wall is not None)
            self.now_radio.setChecked(self._wall is None)
            if self._wall is not None:
                self.time_edit.setTime(QTime(self._wall.hour, self._wall.minute))
            else:
                self.time_edit.setTime(QTime(self._default_wall().hour, 0))
            self._show_validity()
            self.refresh()
        finally:
            self._loading = False
        self._update_validity_note()

    def refresh(self) -> None:
        """Recompute the allowed days, the texts and the immediate check (the clock may have moved)."""
        was_loading, self._loading = self._loading, True
        try:
            first, last = schedule_days(self.zone, self.now())
            stored = self._wall.date() if self._wall is not None else None
            # A day from the file outside the window stays selected (with its error), not replaced by today.
            self.calendar.set_days(first, last, stored if stored is not None and not first <= stored <= last else None)
            self.calendar.setSelectedDate(qdate(stored if stored is not None else first))
        finally:
            self._loading = was_loading
        self.schedule_box.setVisible(self.later_radio.isChecked())
        self._update_texts()
        self._own_problem = check_start_at(self._wall, self.zone, self.now()) if self._wall is not None else None
        self._show_problems(self.editor.problems)

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
            moment = start.replace(tzinfo=zone_info(doc_zone_name)).astimezone(self.zone)
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
            wall = datetime.combine(pydate(self.calendar.selectedDate()), time(picked.hour(), picked.minute()))
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
        self._wall = datetime.combine(pydate(self.calendar.selectedDate()), time(picked.hour(), picked.minute()))
        self.refresh()
        self._write()

    def on_time_changed(self, value: QTime) -> None:
        if self._loading or not self.later_radio.isChecked():
            return
        day = self._wall.date() if self._wall is not None else pydate(self.calendar.selectedDate())
        self._wall = datetime.combine(day, time(value.hour(), value.minute()))
        self.refresh()
        self._write()

    def on_validity_changed(self, value: int) -> None:
        if self._loading:
            return
        campaign = self.editor.campaign
        campaign.validity = value
        campaign.extra.pop("validity", None)  # a value the file held that was not a number: replaced
        self.editor.touch()

    def _show_validity(self) -> None:
        """The campaign's validity as it is: a number the box cannot choose (100, where 72 is the most) or
        that is not a number is said in words ("not allowed: 100 hours"), as on the SMS tab."""
        was_loading, self._loading = self._loading, True
        try:
            campaign = self.editor.campaign
            show_stored_hours(self.validity_spin, campaign.extra, campaign.validity, "validity")
        finally:
            self._loading = was_loading

    # --- texts and problems --------------------------------------------------------------

    def _update_texts(self) -> None:
        zone, now = self.zone, self.now()
        planned = self._planned_moment()
        self.zone_label.setText(
            tr("Times are in the account's time zone: {zone}.").format(
                zone=zone_words(self._zone_name, planned if planned is not None else now)
            )
        )
        self.latest_label.setText(tr("Latest possible start: {moment}.").format(moment=latest_allowed_text(zone, now)))
        self.file_time_label.hide()
        if planned is None:
            self.summary_label.setText(tr("The campaign starts as soon as you send it."))
            return
        self.summary_label.setText(
            tr("Planned start: {moment}").format(
                moment=planned_time_text(planned, self._zone_name, self._local_zone_name, now=now)
            )
        )
        doc_zone = self.editor.document.time_zone
        if planned.tzinfo is not None and self._wall != planned.replace(tzinfo=None):  # another clock there
            self.file_time_label.setText(
                tr("The campaign file gives it as {moment}: the same moment.").format(
                    moment=moment_words(planned, doc_zone, now=now)
                )
            )
            self.file_time_label.show()

    def _planned_moment(self) -> datetime | None:
        """The planned start: as the file has it (aware, in the file's zone) until the user changes it,
        then the wall time chosen here (naive, in the account's zone); None for "send now"."""
        start = self.editor.campaign.start_at
        if self._wall is None or start is None or self._wall != self._document_wall():
            return self._wall
        return start.replace(tzinfo=zone_info(self.editor.document.time_zone))

    def _update_validity_note(self) -> None:
        campaign = self.editor.campaign
        hours = campaign.validity if campaign.validity is not None else limits.VALIDITY_DEFAULT_HOURS
        allowed = "validity" not in campaign.extra and limits.VALIDITY_MIN_HOURS <= hours <= limits.VALIDITY_MAX_HOURS
        self.validity_note.setVisible(allowed)  # otherwise the error under the field says what to do
        if not allowed:
            return
        if campaign.sms is not None:
            text = tr_n(
                "WWT.world keeps trying to deliver the RCS message for {count} hour; after that, phones that did "
                "not get it receive the SMS fallback.",
                "WWT.world keeps trying to deliver the RCS message for {count} hours; after that, phones that did "
                "not get it receive the SMS fallback.",
                hours,
            )
        else:
            text = tr_n(
                "WWT.world keeps trying to deliver the RCS message for {count} hour; after that it expires "
                "(the SMS fallback is off).",
                "WWT.world keeps trying to deliver the RCS message for {count} hours; after that it expires "
                "(the SMS fallback is off).",
                hours,
            )
        self.validity_note.setText(text.format(count=hours))

    def _show_problems(self, problems: list[Problem]) -> None:
        shown = [p for p in problems if p.path in OWNED_PATHS]
        if self._wall is None:
            shown = [p for p in shown if p.path != "start_at"]
        elif self._own_problem is not None:
            shown = [p for p in shown if p.path != "start_at"] + [self._own_problem]
        self.unplaced_problems = self._problems.show(shown)
