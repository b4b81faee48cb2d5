"""The campaigns table: one row per ``HistoryRecord``, statuses in words and colour.

``status_look(status)`` says a server status in plain words with a tone (colour that reads on
light and dark palettes); the words alone carry the meaning, the colour only helps. The model
answers ``data()`` from the records it holds; ``set_records`` keeps the rows (and the selection)
when only values changed. The "Delivered" column is drawn as a small bar (``ui.campaigns.delivery_bar``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QFont, QResizeEvent
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

from app.campaign.clock_words import (
    computer_time_text,
    day_and_clock,
    parse_server_time,
    planned_time_text,
    server_time_text,
    zone_words,
)
from app.campaign.statuses import status_look  # the core's words (the terminal says the same), translated
from app.campaign.text import count_words, format_price, pair_words
from app.history import ORIGIN_WEB, HistoryRecord
from app.history.titles import heading_title  # rcs-desk campaigns says display_title: cut for a terminal
from app.language import tr, tr_c
from app.platform.config import local_time_zone_name
from ui.campaigns.delivery_bar import DELIVERY_ROLE, DeliveryBarDelegate, delivery_share, share_words
from ui.common.tables import set_up_row_table
from ui.common.theme import STATUS_TONES, is_dark
from ui.common.theme import tone_color as theme_tone_color

ANY_INDEX = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 2

(NAME, STATUS, SENT, START, DELIVERED, RCS, READ, FAILED, SMS, PRICE, ORIGIN) = range(11)
NUMBER_COLUMNS = frozenset({RCS, READ, FAILED, SMS, PRICE})
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


def tone_color(tone: str, dark: bool | None = None) -> QColor:
    """The colour of a status's ``tone`` (``app.campaign.statuses``), the theme's for it."""
    return QColor(theme_tone_color(STATUS_TONES.get(tone, "muted"), is_dark() if dark is None else dark))


# Formatting (shared with the detail pane) ---------------------------------------------------------


def local_time_text(utc_iso: str | None, local_zone: str | None = None) -> str:
    """A moment this computer noted (UTC) on its own clock: ``Sat 1 Mar, 12:00``."""
    if not utc_iso:
        return "—"
    return computer_time_text(utc_iso, local_zone or local_time_zone_name())


def noted_time_text(utc_iso: str | None, zone: str, local_zone: str | None = None) -> str:
    """A moment this computer noted (UTC), to the minute, said as every planned time is: in the
    account's ``zone``, then on this computer when its clock differs."""
    if not utc_iso:
        return "—"
    try:
        moment = datetime.fromisoformat(utc_iso)
    except ValueError:
        return utc_iso
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return planned_time_text(aware.replace(second=0, microsecond=0), zone, local_zone or local_time_zone_name())


def planned_text(text: str | None, zone: str, local_zone: str | None = None) -> str:
    """A server time (wall time in the account's ``zone``) as every place says it: in that zone, then on
    this computer when its clock differs (``app.campaign.clock_words``)."""
    if not text:
        return "—"
    return server_time_text(text, zone, local_zone or local_time_zone_name())


def start_cell_text(text: str | None, zone: str) -> str:
    """A planned start for the table, to the minute, in the account's ``zone`` (the header names it):
    ``Sat 26 Dec, 10:30``."""
    if not text:
        return "—"
    moment = parse_server_time(text)
    if moment is None:
        return text.strip()
    return day_and_clock(moment.replace(second=0), zone)


def price_text(price: float | None, currency: str | None) -> str:
    return "—" if price is None else format_price(price, currency)


class CampaignsModel(QAbstractTableModel):
    """The rows of the campaigns table (newest first, as ``History.records`` gives them).

    The server writes its times in the account's time zone as it is now (not as it was when a
    campaign was sent): they are read in ``account_zone`` (``set_account_zone``), which the planned
    start's header names, as ``rcs-desk campaign`` does.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records: list[HistoryRecord] = []
        self.account_zone = "UTC"
        self.local_zone = local_time_zone_name()  # this computer's: "Sent" and the planned start's tooltip
        self._headers = (
            tr("Campaign"),
            tr("Status"),
            tr("Sent\n(time on this computer)"),
            tr("Planned start"),
            tr("Delivered"),
            tr("RCS\ndelivered / sent"),
            tr("Read"),
            tr_c("campaigns table header", "Failed"),
            tr("SMS fallback\ndelivered / sent"),
            tr("Estimated\nprice"),
            tr("Created in"),
        )
        self._header_tips = {
            SENT: tr("When it was sent from this computer (or created, for web account campaigns)."),
            START: tr("When sending starts, in the account's time zone."),
            DELIVERED: tr("The share of the RCS messages sent that reached the phone; the darker part was also read."),
            RCS: tr("RCS messages delivered to phones / handed to the network."),
            READ: tr("RCS messages opened on the phone."),
            FAILED: tr("RCS messages that could not be delivered."),
            SMS: tr("SMS sent instead to phones that cannot receive RCS: delivered / sent."),
            PRICE: tr("The price the server estimated when the campaign was created."),
            ORIGIN: tr("Sent from this computer, or created in the WWT.world web account."),
        }

    def set_account_zone(self, zone: str) -> None:
        """The account's time zone now: the server's times are read in it."""
        if zone != self.account_zone:
            self.account_zone = zone
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, START, START)
            if self.records:
                self.dataChanged.emit(self.index(0, START), self.index(len(self.records) - 1, START))

    def set_records(self, records: list[HistoryRecord]) -> None:
        """Show these records; rows stay in place (and selected) when the same records came back."""
        if [r.record_id for r in records] == [r.record_id for r in self.records]:
            self.records = list(records)
            if records:
                self.dataChanged.emit(self.index(0, 0), self.index(len(records) - 1, len(self._headers) - 1))
            return
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def record_at(self, row: int) -> HistoryRecord | None:
        return self.records[row] if 0 <= row < len(self.records) else None

    def row_of(self, record_id: int) -> int:
        for row, record in enumerate(self.records):
            if record.record_id == record_id:
                return row
        return -1

    # QAbstractTableModel ----------------------------------------------------------------------

    def rowCount(self, parent: ANY_INDEX = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: ANY_INDEX = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == START:
                # Translators: a column header on two lines; {zone} is a time zone's words ("Kyiv time", "UTC").
                return tr("Planned start\n({zone})").format(zone=zone_words(self.account_zone))
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tips.get(section)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_RIGHT if section in NUMBER_COLUMNS else _ALIGN_LEFT
        return None

    def data(self, index: ANY_INDEX, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.record_at(index.row()) if index.isValid() else None
        if record is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(record, column)
        if role == RECORD_ROLE:
            return record
        if role == RECORD_ID_ROLE:
            return record.record_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN_RIGHT if column in NUMBER_COLUMNS else _ALIGN_LEFT
        if column == DELIVERED:
            if role == DELIVERY_ROLE:
                return delivery_share(record)
            if role in (Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.ToolTipRole):
                return share_words(record)
        if column == STATUS:
            look = status_look(record.status)
            if role == Qt.ItemDataRole.ForegroundRole:
                return tone_color(look.tone)
            if role == Qt.ItemDataRole.ToolTipRole:
                return look.explanation
            if role == Qt.ItemDataRole.FontRole and look.needs_attention:
                font = QFont()
                font.setBold(True)
                return font
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            return self._name_tip(record)
        if role == Qt.ItemDataRole.ToolTipRole and column == START and record.start_at:
            return planned_text(record.start_at, self.account_zone, self.local_zone)
        if role == Qt.ItemDataRole.ToolTipRole and column == SENT:  # beside the planned start: in its clock too
            return noted_time_text(record.sent_at, self.account_zone, self.local_zone)
        return None

    def _text(self, record: HistoryRecord, column: int) -> str:
        if column == NAME:  # as long as the first line goes: the table elides it by the column's width
            return heading_title(record)
        if column == STATUS:
            return status_look(record.status).text
        if column == SENT:
            return local_time_text(record.sent_at, self.local_zone)
        if column == START:  # to the minute; the tooltip and the detail pane say it in full
            return start_cell_text(record.start_at, self.account_zone)
        if column == DELIVERED:  # the delegate draws it as a bar; copied or read aloud, it is this
            share = delivery_share(record)
            return "—" if share is None else share.percent_text
        if column == RCS:
            return pair_words(record.delivered, record.sent)
        if column == READ:
            return count_words(record.read)
        if column == FAILED:
            return count_words(record.failed)
        if column == SMS:
            return pair_words(record.sms_delivered, record.sms_sent)
        if column == PRICE:
            return price_text(record.price, record.currency)
        if column == ORIGIN:
            return tr("Web account") if record.origin == ORIGIN_WEB else tr("This computer")
        return ""

    def _name_tip(self, record: HistoryRecord) -> str:
        parts = [heading_title(record)]
        if record.name and record.name != parts[0]:
            parts.append(tr("Name on the server: {name}").format(name=record.name))
        if record.campaign_id is not None:
            parts.append(tr("ID: {number}").format(number=record.campaign_id))
        if record.origin == ORIGIN_WEB:
            parts.append(tr("Created in the WWT.world web account"))
        return "\n".join(parts)


class CampaignsTable(QTableView):
    """The table itself: whole-row single selection, arrow keys move, Tab leaves; columns fit their text.

    The campaign's name takes the width the other columns leave, but never less than
    ``name_minimum`` (about 26 characters): in a narrow window the table scrolls sideways instead.
    """

    def __init__(self, model: CampaignsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaignsTable")
        self.setModel(model)
        self.setAccessibleName(tr("Campaigns, newest first"))
        self.setAccessibleDescription(tr("Select a campaign to see its details below."))
        set_up_row_table(self, 1.8)
        metrics = self.fontMetrics()
        self.name_minimum = metrics.averageCharWidth() * 26
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        columns.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Fixed)  # sized by _fit_name_column
        columns.setMinimumSectionSize(metrics.horizontalAdvance("M") * 4)
        columns.setHighlightSections(False)
        self.delivery_bar = DeliveryBarDelegate(self)
        self.setItemDelegateForColumn(DELIVERED, self.delivery_bar)
        # The header sizes its columns to their contents in one pass and signals each one on the way: the
        # name is fitted after that pass, else the pass puts back the width it had.
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self._fit_name_column)
        columns.sectionResized.connect(self.on_columns_section_resized)
        self.setColumnHidden(ORIGIN, True)

    def on_columns_section_resized(self, section: int, _old: int, _new: int) -> None:
        if section != NAME:
            self._fit_timer.start()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_name_column()

    def _fit_name_column(self) -> None:
        header = self.horizontalHeader()
        others = sum(
            header.sectionSize(c) for c in range(header.count()) if c != NAME and not header.isSectionHidden(c)
        )
        width = max(self.name_minimum, self.viewport().width() - others)
        if header.sectionSize(NAME) != width:
            header.resizeSection(NAME, width)
