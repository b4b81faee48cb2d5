"""The selected campaign in full: what was sent, when, every counter, and what can be done with it.

``CampaignDetailPane.show_record(record, detail=...)`` fills it from a ``HistoryRecord`` and,
when known, the server's ``CampaignDetail`` (else the detail last stored in the record). The
pane only shows; its buttons (``stop_button``, ``duplicate_button``, ``look_button``) are wired
by the campaigns view. ``NoticeLine`` is the one-line message (with "Copy details") both use;
``EmptyCampaigns`` is what the view shows instead of an empty table.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.api.models import CampaignDetail, CampaignInfo
from app.campaign.clock_words import ON_THIS_COMPUTER, server_time_text
from app.campaign.model import Campaign
from app.campaign.statuses import status_look
from app.campaign.text import campaign_rows, count_words
from app.history import ORIGIN_WEB, HistoryRecord
from app.history.titles import heading_title
from app.language import tr, tr_n
from app.language.formats import format_count
from app.platform.config import local_time_zone_name
from ui.campaigns.box_rows import BoxRows
from ui.campaigns.campaigns_model import noted_time_text, price_text
from ui.campaigns.delivery_picture import DeliveryPicture
from ui.common.lines_label import LinesLabel
from ui.common.theme import STATUS_TONES, set_bold, set_role, set_tone

MAIN_COUNTERS = ("sent", "delivered", "read", "failed", "undelivered")
SMS_COUNTERS = ("sent", "delivered", "undelivered")


def _counter_names() -> dict[str, str]:
    """The server's counters in words, in the current language."""
    return {
        "sent": tr("Sent"),
        "delivered": tr("Delivered"),
        "read": tr("Read"),
        "failed": tr("Failed"),
        "undelivered": tr("Not delivered"),
        "scheduled": tr("Waiting to go out"),
        "sending": tr("Going out now"),
        "moderation": tr("In moderation"),
        "accepted": tr("Accepted by the network"),
        "expired": tr("Expired (not delivered in time)"),
        "unknown": tr("Delivery not reported"),
        "not_rcs_user": tr("Phones without RCS"),
        "not_viber_user": tr("Not Viber users"),
    }


def stored_detail(record: HistoryRecord) -> CampaignDetail | None:
    """The detail answer last stored with the record, if the last answer was one."""
    latest = record.latest or {}
    if any(key in latest for key in ("total_messages", "total_phones", "total_price")):
        return CampaignDetail.from_raw(latest)
    return None


class NoticeLine(QFrame):
    """A short message in plain words with a symbol, and "Copy details" when there are details."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.details = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setObjectName(name + "Text")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        self.copy_button = QPushButton(tr("Copy details"))
        self.copy_button.setAccessibleName(tr("Copy the technical details for support"))
        self.copy_button.setToolTip(tr("Copies technical details you can send to support."))
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.details))
        layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        self.clear()

    def say(self, text: str, *, tone: str = "neutral", details: str = "") -> None:
        symbol = {"warning": "⚠ ", "bad": "✖ ", "good": "✔ "}.get(tone, "")
        self.label.setText(symbol + text)
        set_tone(self.label, STATUS_TONES.get(tone, "muted"))
        set_bold(self.label, bool(symbol))
        self.details = details
        self.copy_button.setVisible(bool(details))
        self.show()

    def clear(self) -> None:
        self.label.clear()
        self.details = ""
        self.hide()

    def text(self) -> str:
        return self.label.text()


class EmptyCampaigns(QWidget):
    """The friendly text shown while there is no campaign to list."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel(tr("Campaigns you send appear here."))
        self.heading.setObjectName("campaignsEmpty")
        set_role(self.heading, "heading")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel(
            tr(
                "Nothing has been sent from this computer yet. Compose a campaign and send or schedule it: it is "
                "listed here with its status and delivery figures.\n\nTo see the campaigns made in the WWT.world "
                "web account too, tick “Also show campaigns created in the web account”."
            )
        )
        set_role(hint, "muted")
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column = QWidget()  # a wrapped label keeps its height only without an alignment in the layout
        column.setMaximumWidth(self.fontMetrics().averageCharWidth() * 72)
        inner = QVBoxLayout(column)
        inner.addWidget(self.heading)
        inner.addWidget(hint)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(column, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)


class _Form(QGroupBox):
    """A titled box of label/value rows, refilled as a whole."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.form = QFormLayout(self)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def set_rows(self, rows: list[tuple[str, str]], values: dict[str, QLabel], texts: dict[str, str]) -> None:
        """Show ``rows``; each value's label goes in ``values``, its words (on one line) in ``texts``."""
        while self.form.rowCount():
            self.form.removeRow(0)
        for label, value in rows:
            if not value:  # a sub-heading
                heading = QLabel(label)
                set_bold(heading)
                self.form.addRow(heading)
                continue
            lines = _time_lines(value)
            name = QLabel(tr("{label}:").format(label=label))
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)  # by the value's 1st line
            field = QLabel(lines)
            field.setWordWrap(lines == value and len(value) > 32)  # times and numbers stay on their lines
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setAccessibleName(label)
            values[label] = field
            texts[label] = value
            self.form.addRow(name, field)


def _time_lines(value: str) -> str:
    """A time said in two zones on two lines, the second one starting "on this computer:" (the words the
    core joined them with: in the current language)."""
    joint = tr(ON_THIS_COMPUTER)
    account, sep, local = value.partition(joint)
    return f"{account}\n{joint.strip(' —')} {local}" if sep else value


class CampaignDetailPane(QWidget):
    """The selected campaign (objectName ``campaignDetail``); ``values[label]`` holds each shown value."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("campaignDetail")
        self.record: HistoryRecord | None = None
        self.detail: CampaignDetail | None = None
        self.values: dict[str, QLabel] = {}
        self.texts: dict[str, str] = {}
        self.list_names: Mapping[int, str] = {}  # names of lists the record knows only by number
        self.local_zone = local_time_zone_name()  # this computer's: times are said on its clock too
        self._names = _counter_names()

        # As wide as the pane leaves it, on two lines at most: "…" only when the title does not fit in them.
        self.title = LinesLabel(2)
        self.title.setObjectName("campaignTitle")
        set_role(self.title, "heading")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QLabel()
        self.status.setObjectName("campaignStatus")
        self.status.setWordWrap(True)
        self.stop_button = QPushButton(tr("Stop campaign…"))
        self.stop_button.setObjectName("stopCampaign")
        self.stop_button.setAccessibleName(tr("Stop the selected campaign"))
        self.duplicate_button = QPushButton(tr("Duplicate as new draft"))
        self.duplicate_button.setObjectName("duplicateCampaign")
        self.duplicate_button.setAccessibleName(tr("Duplicate the selected campaign as a new draft"))
        self.duplicate_button.setToolTip(
            tr("Opens the same message, lists and fallback as a new draft in the editor, with no schedule.")
        )
        top = QHBoxLayout()
        heading = QVBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.status)
        top.addLayout(heading, 1)
        top.addWidget(self.stop_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.duplicate_button, 0, Qt.AlignmentFlag.AlignTop)
        self.export_button = QPushButton(tr("Export report…"))
        self.export_button.setObjectName("exportReport")
        self.export_button.setAccessibleName(tr("Export the selected campaign's messages to a CSV file"))
        self.export_button.setToolTip(tr("Saves every message of the campaign in a file Excel opens."))
        top.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignTop)

        self.unknown_box = QFrame()
        self.unknown_box.setObjectName("unknownOutcomeNote")
        self.unknown_box.setFrameShape(QFrame.Shape.StyledPanel)
        note = QVBoxLayout(self.unknown_box)
        self.unknown_heading = QLabel(tr("⚠ The last send may have gone through"))
        set_bold(self.unknown_heading)
        set_tone(self.unknown_heading, "warning")
        self.unknown_text = QLabel(
            tr(
                "The server did not answer when this campaign was sent, so it may have been created anyway. "
                "Look for it among the account's campaigns before you decide to send it again."
            )
        )
        self.unknown_text.setWordWrap(True)
        self.look_button = QPushButton(tr("Look for it on the server"))
        self.look_button.setObjectName("lookForCampaign")
        self.look_button.setAccessibleName(tr("Look for this campaign on the server"))
        self.look_button.setToolTip(tr("Searches the account's recent campaigns. Nothing is sent."))
        self.look_result = QLabel()
        self.look_result.setObjectName("lookResult")
        self.look_result.setWordWrap(True)
        self.look_result.hide()
        note.addWidget(self.unknown_heading)
        note.addWidget(self.unknown_text)
        note.addWidget(self.look_button, 0, Qt.AlignmentFlag.AlignLeft)
        note.addWidget(self.look_result)

        self.elsewhere = QLabel(
            tr(
                "This campaign was sent through another server or an earlier demo session: it is shown as it was "
                "last seen and cannot be updated or stopped from here."
            )
        )
        self.elsewhere.setObjectName("campaignElsewhere")
        set_role(self.elsewhere, "muted")
        self.elsewhere.setWordWrap(True)

        self.about_box = _Form(tr("Campaign"))
        self.timing_box = _Form(tr("Timing"))
        self.rcs_box = _Form(tr("RCS messages"))
        self.totals_box = _Form(tr("SMS fallback and cost"))
        # The boxes are refilled while their holder is hidden: a layout shows the labels added to a visible
        # box one by one, on later turns of the event loop, each laying the pane out again (50 passes).
        self.boxes = QWidget()
        self.boxes.setObjectName("campaignBoxes")
        boxes = BoxRows(self.boxes)
        boxes.setContentsMargins(0, 0, 0, 0)
        for box, stretch in ((self.about_box, 4), (self.timing_box, 3), (self.rcs_box, 2), (self.totals_box, 3)):
            boxes.add_widget(box, stretch)
        self.detail_state = NoticeLine("campaignDetailState")
        self.picture = DeliveryPicture()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.unknown_box)
        layout.addWidget(self.elsewhere)
        layout.addWidget(self.boxes)
        layout.addWidget(self.picture)
        layout.addWidget(self.detail_state)
        layout.addStretch(1)
        self.show_record(None)

    # Filling ----------------------------------------------------------------------------------

    def show_record(
        self,
        record: HistoryRecord | None,
        *,
        detail: CampaignDetail | None = None,
        reachable: bool = True,
        zone: str = "UTC",
        list_names: Mapping[int, str] | None = None,
    ) -> None:
        """Show ``record`` (None: nothing selected); ``reachable`` False when it lives on another server.

        ``zone`` is the account's time zone now: the server writes its times in it, whatever it was
        when the campaign was sent. ``list_names`` names lists the record knows only by number."""
        self.record = record
        self.detail = detail if detail is not None else (stored_detail(record) if record is not None else None)
        self.values = {}
        self.texts = {}
        if list_names is not None:
            self.list_names = list_names
        if record is None:
            self.title.set_full_text(tr("Select a campaign to see its details."))
            self.status.clear()
            for widget in (
                self.unknown_box,
                self.elsewhere,
                self.about_box,
                self.timing_box,
                self.rcs_box,
                self.totals_box,
                self.stop_button,
                self.duplicate_button,
                self.export_button,
                self.picture,
            ):
                widget.hide()
            return
        look = status_look(record.status)
        self.title.set_full_text(heading_title(record))
        explanation = "" if record.outcome_unknown else f" — {look.explanation}"  # the note below says it
        self.status.setText(f"<b>{look.text}</b>{explanation}")
        set_tone(self.status, STATUS_TONES.get(look.tone, "muted"))
        self.unknown_box.setVisible(record.outcome_unknown)
        self.elsewhere.setVisible(not reachable and record.campaign_id is not None)
        self.boxes.hide()
        for widget in (self.about_box, self.timing_box, self.stop_button, self.duplicate_button):
            widget.show()
        shared = dict(campaign_rows(self._info(record), zone, self.local_zone))
        self.about_box.set_rows(self._about_rows(record, shared), self.values, self.texts)
        self.timing_box.set_rows(self._timing_rows(record, zone, shared), self.values, self.texts)
        self.rcs_box.set_rows(self._rcs_rows(record), self.values, self.texts)
        self.totals_box.set_rows(self._totals_rows(record, shared), self.values, self.texts)
        self.rcs_box.setVisible(record.campaign_id is not None)
        self.totals_box.setVisible(record.campaign_id is not None)
        self.boxes.show()
        self.picture.set_counts(self._counters(record), self._sms_counters(record))
        self.picture.setVisible(record.campaign_id is not None)
        self.export_button.setVisible(record.campaign_id is not None)

    def set_look_result(self, text: str) -> None:
        self.look_result.setText(text)
        self.look_result.setVisible(bool(text))

    def value(self, label: str) -> str:
        """The words shown for ``label``, on one line (a time in two zones is shown on two)."""
        return self.texts.get(label, "")

    # Rows -------------------------------------------------------------------------------------

    def _info(self, record: HistoryRecord) -> CampaignInfo:
        """The record as the server's answer, for the words the command line uses too (``campaign_rows``)."""
        detail = self.detail
        return CampaignInfo(
            id=record.campaign_id,
            name=record.name,
            sender=record.sender,
            status=record.status,
            start_at=record.start_at or (detail.start_at if detail else None),
            real_start_at=record.real_start_at or (detail.real_start_at if detail else None),
            finished_at=record.finished_at or (detail.finished_at if detail else None),
            delivered=record.delivered,
            sent=record.sent,
            sms_delivered=record.sms_delivered,
            sms_sent=record.sms_sent,
            price=record.price,
            currency=record.currency,
        )

    def _shared_rows(self, shared: dict[str, str], *labels: str) -> list[tuple[str, str]]:
        """The rows of ``campaign_rows`` (English labels, the keys) named in the current language."""
        return [(tr(label), shared[label]) for label in labels]

    def _about_rows(self, record: HistoryRecord, shared: dict[str, str]) -> list[tuple[str, str]]:
        rows = self._shared_rows(shared, "ID", "Name on the server", "RCS agent")
        if record.origin == ORIGIN_WEB or record.request is None:
            rows.append((tr("Created in"), tr("The WWT.world web account (not from this computer)")))
            return rows
        campaign = Campaign.from_request(record.request)
        rows.append((tr("Contact lists"), self._lists_text(record, campaign)))
        rows.append((tr("Message"), self._message_text(campaign)))
        rows.append((tr("SMS fallback"), self._fallback_text(campaign)))
        return rows

    def _lists_text(self, record: HistoryRecord, campaign: Campaign) -> str:
        parts = []
        for list_id in campaign.groups or list(record.lists):
            info = record.lists.get(list_id)
            name = (info.name if info is not None else None) or self.list_names.get(list_id)
            text = name or tr("List {number}").format(number=list_id)
            if info is not None and info.contacts is not None:
                contacts = tr_n("{count} contact", "{count} contacts", info.contacts)
                text += f" ({contacts.format(count=count_words(info.contacts))})"
            parts.append(text)
        return ", ".join(parts) if parts else "—"

    def _message_text(self, campaign: Campaign) -> str:
        options = campaign.options
        if options is None or options.cards is None:
            return tr("Plain text")
        cards = len(options.cards)
        if cards == 1:
            kind = tr("Rich card")
        else:  # the words of the send confirmation (app.sending.summary)
            kind = tr_n("Carousel of {count} card", "Carousel of {count} cards", cards).format(
                count=format_count(cards)
            )
        buttons = sum(len(card.suggestions or ()) for card in options.cards)
        if not buttons:
            return kind
        button_count = tr_n("{count} button", "{count} buttons", buttons).format(count=format_count(buttons))
        return f"{kind}, {button_count}"

    def _fallback_text(self, campaign: Campaign) -> str:
        sms = campaign.sms
        if sms is None:
            return tr("Off: phones without RCS got nothing")
        return tr("On, from {sender}").format(sender=sms.sender or "—")

    def _timing_rows(self, record: HistoryRecord, zone: str, shared: dict[str, str]) -> list[tuple[str, str]]:
        """Every time said alike: in the account's zone, then on this computer when its clock differs."""
        finished = self._info(record).finished_at
        sent = tr("Created on") if record.origin == ORIGIN_WEB else tr("Sent on")  # no login name: "root" says nothing
        rows = [
            (sent, noted_time_text(record.sent_at, zone, self.local_zone)),
            *self._shared_rows(shared, "Planned start", "Actual start"),
            (tr("Finished"), server_time_text(finished, zone, self.local_zone) if finished else tr("not finished")),
        ]
        if record.campaign_id is not None:
            checked = record.refreshed_at
            rows.append(
                (tr("Last checked"), noted_time_text(checked, zone, self.local_zone) if checked else tr("not yet"))
            )
        return rows

    def _counters(self, record: HistoryRecord) -> dict[str, int]:
        """The RCS counters: the detail's, else those the record kept."""
        detail = self.detail
        counters = dict(detail.statistics) if detail is not None else {}
        if not counters:
            counters = {
                k: v
                for k, v in (
                    ("sent", record.sent),
                    ("delivered", record.delivered),
                    ("read", record.read),
                    ("failed", record.failed),
                )
                if v is not None
            }
        return counters

    def _sms_counters(self, record: HistoryRecord) -> dict[str, int]:
        detail = self.detail
        sms = dict(detail.sms_statistics) if detail is not None else {}
        if not sms and (record.sms_sent is not None or record.sms_delivered is not None):
            sms = {k: v for k, v in (("sent", record.sms_sent), ("delivered", record.sms_delivered)) if v is not None}
        return sms

    def _rcs_rows(self, record: HistoryRecord) -> list[tuple[str, str]]:
        counters = self._counters(record)
        rows = [(self._names[name], count_words(counters.get(name))) for name in MAIN_COUNTERS]
        for name, value in counters.items():
            if name not in MAIN_COUNTERS and value:
                rows.append((self._names.get(name, name.replace("_", " ").capitalize()), count_words(value)))
        return rows

    def _totals_rows(self, record: HistoryRecord, shared: dict[str, str]) -> list[tuple[str, str]]:
        detail = self.detail
        sms = dict(detail.sms_statistics) if detail is not None else {}
        if not sms and (record.sms_sent is not None or record.sms_delivered is not None):
            sms = {k: v for k, v in (("sent", record.sms_sent), ("delivered", record.sms_delivered)) if v is not None}
        rows: list[tuple[str, str]] = []
        if sms:
            names = {"sent": tr("SMS sent"), "delivered": tr("SMS delivered"), "undelivered": tr("SMS not delivered")}
            rows += [(names[name], count_words(sms.get(name))) for name in SMS_COUNTERS if name in sms]
        else:
            rows.append((tr("SMS"), tr("none sent")))
        currency = record.currency or (detail.currency if detail else None)
        total_price = record.total_price or (detail.total_price if detail else None)
        rows += [
            (tr("Messages in total"), count_words(detail.total_messages if detail else None)),
            (tr("Phones"), count_words(detail.total_phones if detail else None)),
            (tr("Cost so far"), _money(total_price, currency)),
            *self._shared_rows(shared, "Estimated price"),
        ]
        return rows


def _money(text: str | None, currency: str | None) -> str:
    if not text:
        return "—"
    try:
        return price_text(float(text), currency)
    except ValueError:
        return f"{text} {currency or ''}".strip()
