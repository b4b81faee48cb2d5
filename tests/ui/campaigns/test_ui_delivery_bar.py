"""The Campaigns list's delivered/sent bar (issue 12): drawn in the theme's colour on light and dark palettes,
said in words to screen readers, nothing for a campaign not sent yet, and moving as statuses refresh."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QImage, QPalette

from app.api import WwtClient
from app.campaign.file import load_campaign_file
from app.history import History, HistoryRecord, demo_server_label, lists_of
from app.sandbox import DEMO_API_KEY, SandboxServer, SandboxTransport
from app.sending import send_body
from app.tasks.connection import DEMO_BASE_URL, Connection
from helpers.window import EXAMPLES
from ui.campaigns.campaigns_model import DELIVERED
from ui.campaigns.campaigns_view import CampaignsView
from ui.campaigns.delivery_bar import DELIVERY_ROLE, DeliveryBarDelegate, DeliveryShare, delivery_share, share_words
from ui.common import workers
from ui.common.theme import dark_palette, is_dark, light_palette, tone_color

T0 = datetime(2025, 3, 1, 10, 0, 0, tzinfo=UTC)
SPRING = EXAMPLES / "spring-sale.rcs.json"
HELLO = EXAMPLES / "hello-text.rcs.json"
LATER = "2025-03-05 10:00:00"  # a planned start days away: "Scheduled", nothing sent
WAIT_MS = 10000


@dataclass
class Desk:
    view: CampaignsView
    client: WwtClient
    history: History
    label: str
    now: list[datetime]

    def send(self, start_at: str | None = None) -> int:
        document = load_campaign_file(SPRING if start_at is None else HELLO)  # the same body twice is refused
        body = send_body(document, "UTC")
        if start_at is not None:
            body["start_at"] = start_at
        info = self.client.send_campaign(body)
        return self.history.record_sent(
            body, info, lists=lists_of(document), time_zone="UTC", server=self.label, sent_at=self.now[0]
        )

    def show_rows(self, qtbot) -> None:
        self.view.reload()
        qtbot.waitUntil(lambda: not self.view.busy and self.view.record_count > 0, timeout=WAIT_MS)

    def refresh_after(self, qtbot, seconds: float) -> None:
        self.now[0] += timedelta(seconds=seconds)
        self.view.refresh_now()
        qtbot.waitUntil(lambda: not self.view.busy, timeout=WAIT_MS)

    def row_of(self, record_id: int) -> int:
        return self.view.model.row_of(record_id)

    def cell(self, record_id: int) -> QModelIndex:
        return self.view.model.index(self.row_of(record_id), DELIVERED)

    def record(self, record_id: int) -> HistoryRecord:
        return self.view.model.records[self.row_of(record_id)]


@pytest.fixture(params=["light", "dark"])
def dark(request, qapp) -> Iterator[bool]:
    """A light or a dark palette; asked for before ``desk``, as the table takes its palette when built."""
    before = qapp.palette()
    is_dark = request.param == "dark"
    qapp.setPalette(dark_palette() if is_dark else light_palette(qapp.style().standardPalette()))
    yield is_dark
    qapp.setPalette(before)


@pytest.fixture
def desk(qtbot, tmp_path) -> Iterator[Desk]:
    """A Campaigns view on the demo server, whose clock the test moves: one campaign sending, one scheduled."""
    now = [T0]
    server = SandboxServer(clock=lambda: now[0])
    client = WwtClient(DEMO_BASE_URL, DEMO_API_KEY, transport=SandboxTransport(server))
    connection = Connection(client=client, demo=True, base_url=DEMO_BASE_URL, account_time_zone="UTC")
    history = History(tmp_path / "history.sqlite3", clock=lambda: now[0], user="anna")
    label = demo_server_label()
    view = CampaignsView(lambda: history, lambda: connection, lambda: label)
    qtbot.addWidget(view)
    view.resize(1100, 700)
    view.show()
    yield Desk(view, client, history, label, now)
    assert workers.wait_for_all(5000)
    client.close()


def near(a: QColor, b: QColor) -> bool:
    return all(abs(x - y) <= 8 for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def picture(view: CampaignsView) -> QImage:
    view.table.clearSelection()  # the selection's colour is not what is looked at
    return view.table.viewport().grab().toImage()


def colour_at(image: QImage, x: float, y: float) -> QColor:
    ratio = image.devicePixelRatio()
    return image.pixelColor(int(x * ratio), int(y * ratio))


def bar_of(desk: Desk, record_id: int):
    table = desk.view.table
    return DeliveryBarDelegate.bar_rect(table.visualRect(desk.cell(record_id)), table.fontMetrics())


def test_each_row_says_its_share_in_words_and_a_scheduled_one_says_not_sent_yet(qtbot, desk):
    sending = desk.send()
    scheduled = desk.send(start_at=LATER)
    desk.show_rows(qtbot)
    desk.refresh_after(qtbot, 6)
    model = desk.view.model
    record = desk.record(sending)
    assert record.sent and record.delivered is not None
    share = round(100 * record.delivered / record.sent)
    said = model.data(desk.cell(sending), Qt.ItemDataRole.AccessibleTextRole)
    expected = f"{record.delivered:,} of {record.sent:,} delivered ({share} %)"
    assert said == expected + (f", {record.read:,} read" if record.read else "")
    assert model.data(desk.cell(sending)) == f"{share} %"
    assert model.data(desk.cell(sending), Qt.ItemDataRole.ToolTipRole) == said
    assert model.data(desk.cell(scheduled), Qt.ItemDataRole.AccessibleTextRole) == "Not sent yet"
    assert model.data(desk.cell(scheduled)) == "—"
    assert model.data(desk.cell(scheduled), DELIVERY_ROLE) is None
    assert model.headerData(DELIVERED, Qt.Orientation.Horizontal) == "Delivered"


def test_the_words_for_rows_without_a_bar_and_the_read_part():
    def record(**values) -> HistoryRecord:
        base = {"record_id": 1, "origin": "this computer", "server": "demo", "campaign_id": 7, "name": None}
        base |= {"sender": None, "status": "done", "sent_at": "2025-03-01T10:00:00+00:00", "sent_by": None}
        base |= {"time_zone": "UTC", "request": None, "campaign": None, "latest": None}
        return HistoryRecord(**(base | values))

    assert share_words(record(sent=1000, delivered=812, read=400)) == "812 of 1,000 delivered (81 %), 400 read"
    assert share_words(record(sent=0, status="stopped")) == "No messages sent"
    assert share_words(record(sent=None, status="scheduled")) == "Not sent yet"
    assert share_words(record(campaign_id=None, status="unknown outcome")) == "No figures yet"
    share = delivery_share(record(sent=200, delivered=150, read=300))  # a read count ahead of delivered
    assert share == DeliveryShare(200, 150, 300)
    assert (share.delivered_part, share.read_part) == (0.75, 0.75)


def test_the_bar_is_drawn_in_the_themes_colour_and_not_for_a_scheduled_campaign(qtbot, dark, desk):
    sending = desk.send()
    scheduled = desk.send(start_at=LATER)
    desk.show_rows(qtbot)
    desk.refresh_after(qtbot, 6)
    share = desk.view.model.data(desk.cell(sending), DELIVERY_ROLE)
    assert isinstance(share, DeliveryShare) and 0.2 < share.delivered_part < 0.9
    image = picture(desk.view)
    delivered, read = desk.view.table.delivery_bar.colours(dark)
    assert delivered == QColor(tone_color("ok", dark))
    bar = bar_of(desk, sending)
    y = bar.center().y()
    inside = bar.left() + bar.width() * (share.read_part + share.delivered_part) / 2  # delivered, not read
    beyond = bar.left() + bar.width() * (1 + share.delivered_part) / 2
    assert near(colour_at(image, inside, y), delivered)
    assert near(colour_at(image, beyond, y), desk.view.table.palette().color(QPalette.ColorRole.Mid))

    cell = desk.view.table.visualRect(desk.cell(scheduled))
    coloured = [
        (x, row)
        for x in range(cell.left(), cell.right())
        for row in range(cell.top(), cell.bottom())
        if near(colour_at(image, x, row), delivered) or near(colour_at(image, x, row), read)
    ]
    assert coloured == []


def test_the_part_also_read_is_the_darker_one(qtbot, dark, desk):
    sending = desk.send()
    desk.show_rows(qtbot)
    desk.refresh_after(qtbot, 60)
    share = desk.view.model.data(desk.cell(sending), DELIVERY_ROLE)
    assert isinstance(share, DeliveryShare) and share.read_part > 0.1 and share.delivered_part > share.read_part
    image = picture(desk.view)
    delivered, read = desk.view.table.delivery_bar.colours(dark)
    assert read.lightness() < delivered.lightness()
    bar = bar_of(desk, sending)
    y = bar.center().y()
    assert near(colour_at(image, bar.left() + bar.width() * share.read_part / 2, y), read)
    between = bar.left() + bar.width() * (share.read_part + share.delivered_part) / 2
    assert near(colour_at(image, between, y), delivered)


def test_the_bar_moves_as_a_refresh_changes_the_counts(qtbot, desk):
    sending = desk.send()
    desk.show_rows(qtbot)
    desk.refresh_after(qtbot, 2)
    model = desk.view.model
    before = model.data(desk.cell(sending), DELIVERY_ROLE)
    assert isinstance(before, DeliveryShare)
    said_before = model.data(desk.cell(sending), Qt.ItemDataRole.AccessibleTextRole)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda top, bottom, *_: changed.append((top.column(), bottom.column())))

    desk.refresh_after(qtbot, 6)
    after = model.data(desk.cell(sending), DELIVERY_ROLE)
    assert isinstance(after, DeliveryShare)
    assert after.delivered_part > before.delivered_part + 0.1
    assert model.data(desk.cell(sending), Qt.ItemDataRole.AccessibleTextRole) != said_before
    assert any(first <= DELIVERED <= last for first, last in changed)  # the view repaints the bar
    image = picture(desk.view)
    bar = bar_of(desk, sending)
    newly = bar.left() + bar.width() * (before.delivered_part + after.delivered_part) / 2
    delivered, read = desk.view.table.delivery_bar.colours(is_dark(desk.view.table.palette()))
    shown = colour_at(image, newly, bar.center().y())
    assert near(shown, delivered) or near(shown, read)
