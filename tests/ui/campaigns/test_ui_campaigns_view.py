"""The Campaigns view against the built-in server with a fake clock: rows, refresh, polling, stop,
duplicate, web-account campaigns, unknown outcomes, and the plain line a failed refresh leaves."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QMainWindow

from app.api import WwtClient
from app.api.models import CampaignInfo
from app.campaign import limits
from app.campaign.file import CampaignDocument, ListInfo, load_campaign_file
from app.history import STATUS_UNKNOWN_OUTCOME, History, demo_server_label, lists_of
from app.sandbox import DEMO_API_KEY, SandboxServer, SandboxTransport
from app.sending import send_body
from app.tasks.connection import DEMO_BASE_URL, Connection
from helpers.window import EXAMPLES
from ui.campaigns.campaigns_model import NAME, ORIGIN, PRICE, RCS, READ, START, STATUS, status_look, tone_color
from ui.campaigns.campaigns_view import EMPTY_PAGE, TABLE_PAGE, CampaignsView
from ui.common import workers
from ui.common.theme import STATUS_TONES

T0 = datetime(2025, 3, 1, 10, 0, 0, tzinfo=UTC)
SPRING = EXAMPLES / "spring-sale.rcs.json"
HELLO = EXAMPLES / "hello-text.rcs.json"
STOP_REFUSED = "This campaign can no longer be stopped: it has already finished or was stopped."


@dataclass
class Env:
    """A view on a history, a sandbox server whose clock the test moves, and the questions asked."""

    view: CampaignsView
    server: SandboxServer
    client: WwtClient
    history: History
    label: str
    now: list[datetime]
    questions: list[str] = field(default_factory=list)
    answer: bool = True

    def advance(self, seconds: float) -> None:
        self.now[0] += timedelta(seconds=seconds)

    def body(self, path=SPRING, start_at: str | None = None) -> tuple[dict[str, Any], CampaignDocument]:
        document = load_campaign_file(path)
        body = send_body(document, "UTC")
        if start_at is not None:
            body["start_at"] = start_at
        return body, document

    def send(self, path=SPRING, start_at: str | None = None) -> tuple[int, CampaignInfo]:
        """Send through a real client and record it, as the send flow does."""
        body, document = self.body(path, start_at)
        info = self.client.send_campaign(body)
        record_id = self.history.record_sent(
            body, info, lists=lists_of(document), time_zone="UTC", server=self.label, sent_at=self.now[0]
        )
        return record_id, info

    def requests(self, method: str, needle: str) -> list:
        return [r for r in self.server.requests if r.method == method and needle in r.target]


@pytest.fixture
def env(qtbot, tmp_path):
    now = [T0]
    server = SandboxServer(clock=lambda: now[0])
    client = WwtClient(DEMO_BASE_URL, DEMO_API_KEY, transport=SandboxTransport(server))
    connection = Connection(client=client, demo=True, base_url=DEMO_BASE_URL, account_time_zone="UTC")
    history = History(tmp_path / "history.sqlite3", clock=lambda: now[0], user="anna")
    label = demo_server_label()
    view = CampaignsView(lambda: history, lambda: connection, lambda: label)
    qtbot.addWidget(view)
    environment = Env(view, server, client, history, label, now)

    def confirm(title: str, question: str, action: str) -> bool:
        environment.questions.append(f"{title} {question} {action}")
        return environment.answer

    view.confirm = confirm
    view.resize(1100, 700)
    view.show()
    yield environment
    assert workers.wait_for_all(5000)
    assert not workers.running_tasks()
    client.close()


def settle(qtbot, view: CampaignsView) -> None:
    qtbot.waitUntil(lambda: not view.busy, timeout=5000)


def cell(view: CampaignsView, row: int, column: int) -> str:
    return view.model.data(view.model.index(row, column))


def statuses(view: CampaignsView) -> list[str]:
    return [cell(view, row, STATUS) for row in range(view.model.rowCount())]


def click_row(qtbot, view: CampaignsView, row: int) -> None:
    rect = view.table.visualRect(view.model.index(row, NAME))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    settle(qtbot, view)


def click(qtbot, view: CampaignsView, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    settle(qtbot, view)


# The rows -------------------------------------------------------------------------------------------


def test_empty_history_says_where_campaigns_appear(qtbot, env):
    env.view.reload()
    settle(qtbot, env.view)
    assert env.view.stack.currentIndex() == EMPTY_PAGE
    assert env.view.empty_label.isVisible()
    assert "Campaigns you send appear here" in env.view.empty_label.text()
    assert env.view.next_poll_seconds is None


def test_rows_appear_newest_first_with_words_start_and_price(qtbot, env):
    first, _ = env.send(SPRING)
    env.advance(60)
    second, _ = env.send(HELLO)
    env.advance(60)
    third, third_info = env.send(SPRING, start_at="2025-03-02 09:30:00")
    counts = []
    env.view.counts_changed.connect(lambda: counts.append(env.view.record_count))
    env.view.reload()
    settle(qtbot, env.view)

    view = env.view
    assert view.stack.currentIndex() == TABLE_PAGE
    assert [r.record_id for r in view.model.records] == [third, second, first]
    assert cell(view, 0, NAME) == "Spring sale: -30% on sneakers"
    assert cell(view, 1, NAME).startswith("Hello! Our store")
    assert set(statuses(view)) == {"Being created"}  # what the send answered; nothing refreshed yet
    header = view.model.headerData(START, Qt.Orientation.Horizontal)
    assert header == "Planned start\n(UTC)"  # one zone for every row: named once, in the header
    start = cell(view, 0, START)  # the year is said unless it is this year
    assert start.startswith("Sun 2 Mar") and start.endswith(", 09:30")
    price = cell(view, 0, PRICE)
    assert price.endswith("USD") and str(third_info.price).split(".")[0] in price
    assert counts and counts[-1] == 3
    assert view.table.isColumnHidden(ORIGIN)


def test_times_are_said_in_the_account_zone_then_on_this_computer(qtbot, env):
    env.send(SPRING, start_at="2025-03-02 09:30:00")  # the server's wall time, in the account's zone (UTC)
    view = env.view
    view.model.local_zone = view.pane.local_zone = "Europe/Kyiv"  # this computer is two hours ahead
    view.reload()
    settle(qtbot, view)
    planned = "Sun 2 Mar 2025, 09:30, UTC — on this computer: 11:30, Kyiv time (UTC+2)"
    tip = view.model.data(view.model.index(0, START), Qt.ItemDataRole.ToolTipRole)
    assert tip == planned  # the cell is short; its tooltip says it in full
    assert cell(view, 0, 2) == "Sat 1 Mar 2025, 12:00"  # sent at 10:00 UTC, on this computer's clock
    click_row(qtbot, view, 0)
    assert view.pane.value("Planned start") == planned
    assert view.pane.timing_box.title() == "Timing"  # each time names its zone: no zone in the title


# Refreshing and the detail --------------------------------------------------------------------------


def test_refresh_follows_the_campaign_to_done_and_the_detail_shows_every_counter(qtbot, env):
    record_id, info = env.send(SPRING)
    view = env.view
    view.record_added()
    settle(qtbot, view)
    assert view.selected_record().record_id == record_id  # the new campaign is shown at once
    assert view.next_poll_seconds == 10

    env.advance(6)
    view.refresh_now()
    settle(qtbot, view)
    assert statuses(view) == ["Sending…"]
    sent_then = view.model.records[0].sent
    assert sent_then and sent_then > 0

    env.advance(300)
    qtbot.keyClick(view.table, Qt.Key.Key_F5)  # F5 while the table has focus
    settle(qtbot, view)
    assert statuses(view) == ["Done"]
    assert view.next_poll_seconds is None  # nothing left that can change

    detail = env.client.get_campaign_detail(info.id)
    pane = view.pane
    assert pane.title.text() == "Spring sale: -30% on sneakers"
    assert "Done" in pane.status.text()
    assert pane.value("ID") == str(info.id)
    assert pane.value("Phones") == f"{detail.total_phones:,}"  # as the command line writes numbers
    assert pane.value("Messages in total") == f"{detail.total_messages:,}"
    for label, name in (
        ("Sent", "sent"),
        ("Delivered", "delivered"),
        ("Read", "read"),
        ("Failed", "failed"),
        ("Not delivered", "undelivered"),
        ("SMS sent", "sent"),
        ("SMS delivered", "delivered"),
    ):
        source = detail.sms_statistics if label.startswith("SMS") else detail.statistics
        assert pane.value(label) == f"{source[name]:,}", label
    assert "USD" in pane.value("Cost so far")
    assert pane.value("Contact lists") == "VIP customers (240 contacts), Kyiv store visitors (1,350 contacts)"
    assert pane.value("Message") == "Carousel of 2 cards, 3 buttons"
    assert pane.value("SMS fallback") == "On, from WWTshop"
    assert pane.value("Sent on").endswith(", UTC") and "anna" not in pane.value("Sent on")  # no login names
    assert pane.value("Finished") not in ("", "not finished")
    assert cell(view, 0, READ) == f"{detail.statistics['read']:,}"
    assert cell(view, 0, RCS) == f"{detail.statistics['delivered']:,} / {detail.statistics['sent']:,}"


def test_a_failed_refresh_is_one_plain_line_and_the_table_stays(qtbot, env):
    env.send(SPRING)
    view = env.view
    view.reload()
    settle(qtbot, view)
    env.server.faults.fail_status = 500
    env.server.faults.only_path = "/api/campaigns/*"
    try:
        env.advance(5)
        view.refresh_now()
        settle(qtbot, view)
    finally:
        env.server.faults.clear()
    line = view.refresh_line
    assert line.isVisible()
    assert line.text().startswith("⚠ The statuses could not be updated:")
    assert "500" not in line.text() and "{" not in line.text()
    assert line.copy_button.isVisible() and "500" in line.details
    assert view.model.rowCount() == 1 and view.table.isVisible()
    assert view.next_poll_seconds == 20  # backs off, keeps trying

    view.refresh_now()
    settle(qtbot, view)
    assert not line.isVisible()
    assert statuses(view) == ["Sending…"]


def test_polling_backs_off_stops_when_hidden_and_when_nothing_is_active(qtbot, env):
    _, info = env.send(SPRING, start_at="2025-03-05 10:00:00")
    view = env.view
    view.record_added()
    settle(qtbot, view)
    assert view.next_poll_seconds == 10 and view.poll_timer.isActive()
    assert view.poll_timer.interval() == 10_000

    env.advance(1)
    before = len(env.requests("GET", "/detail"))
    view.refresh_now()
    view.refresh_now()  # ignored: one refresh at a time
    view.poll()  # the timer's turn while it runs: ignored too
    settle(qtbot, view)
    assert len(env.requests("GET", "/detail")) == before + 1
    assert statuses(view) == ["Scheduled"]
    assert view.next_poll_seconds == 10  # it changed: stay quick

    seen = []
    for _ in range(3):
        view.poll()
        settle(qtbot, view)
        seen.append(view.next_poll_seconds)
    assert seen == [20, 40, 80]  # nothing changes: less and less often

    view.set_polling_active(False)
    assert view.next_poll_seconds is None and not view.poll_timer.isActive()
    view.set_polling_active(True)  # shown again: look at once, then poll
    settle(qtbot, view)
    assert view.next_poll_seconds == 20 and view.poll_timer.isActive()

    env.client.stop_campaign(info.id)  # stopped elsewhere
    view.poll()
    settle(qtbot, view)
    assert statuses(view) == ["Stopped"]
    assert view.next_poll_seconds is None and not view.poll_timer.isActive()


# Stop and duplicate ----------------------------------------------------------------------------------


def test_stop_asks_first_and_a_refused_stop_is_explained(qtbot, env):
    first, _ = env.send(SPRING, start_at="2025-03-05 10:00:00")
    env.advance(1)
    _, second_info = env.send(HELLO, start_at="2025-03-06 10:00:00")
    view = env.view
    view.reload()
    env.advance(1)
    settle(qtbot, view)
    view.refresh_now()
    settle(qtbot, view)
    assert statuses(view) == ["Scheduled", "Scheduled"]

    click_row(qtbot, view, 1)  # the older one
    assert view.selected_record().record_id == first
    env.answer = False
    click(qtbot, view, view.pane.stop_button)
    assert len(env.questions) == 1 and "will be stopped" in env.questions[0]
    assert env.requests("PATCH", "/stop") == []  # cancelled: nothing asked of the server

    env.answer = True
    click(qtbot, view, view.pane.stop_button)
    assert len(env.requests("PATCH", "/stop")) == 1
    assert statuses(view) == ["Scheduled", "Stopped"]
    assert view.selected_record().record_id == first
    assert view.notice.text() == "✔ The campaign was stopped."
    assert not view.pane.stop_button.isEnabled()

    click_row(qtbot, view, 0)
    env.client.stop_campaign(second_info.id)  # stopped in the web account meanwhile
    assert statuses(view)[0] == "Scheduled"  # as last seen here
    click(qtbot, view, view.pane.stop_button)
    assert view.notice.text() == "⚠ " + STOP_REFUSED
    assert "422" not in view.notice.text()
    assert statuses(view) == ["Stopped", "Stopped"]  # the row was read again


def test_duplicate_gives_the_sent_request_without_its_schedule(qtbot, env):
    record_id, _ = env.send(SPRING, start_at="2025-03-05 10:00:00")
    view = env.view
    view.reload()
    settle(qtbot, view)
    record = env.history.record(record_id)
    with qtbot.waitSignal(view.duplicate_requested, timeout=2000) as blocker:
        click(qtbot, view, view.pane.duplicate_button)
    document = blocker.args[0]
    assert isinstance(document, CampaignDocument)
    expected = dict(record.request)
    assert expected.pop("start_at") == "2025-03-05 10:00:00"
    assert document.campaign.to_request(for_sending=True) == expected
    assert document.campaign.start_at is None
    assert document.time_zone == "UTC"
    assert document.lists == {1864603: ListInfo("VIP customers", 240), 1864604: ListInfo("Kyiv store visitors", 1350)}
    assert len(env.requests("POST", "send-groups")) == 1  # only the original send: nothing sent from here


# Web account and unknown outcomes --------------------------------------------------------------------


def test_web_account_campaigns_appear_marked_when_asked(qtbot, env):
    env.send(SPRING)
    view = env.view
    view.reload()
    settle(qtbot, view)
    assert view.model.rowCount() == 1

    qtbot.mouseClick(view.web_box, Qt.MouseButton.LeftButton)
    assert view.web_box.isChecked()
    settle(qtbot, view)
    names = {cell(view, row, NAME): cell(view, row, ORIGIN) for row in range(view.model.rowCount())}
    assert not view.table.isColumnHidden(ORIGIN)
    assert names["Spring sale: -30% on sneakers"] == "This computer"
    assert names["Summer collection teaser"] == "Web account"
    assert names["Gold members: early access"] == "Web account"
    assert "Weekend offer (SMS)" not in names  # RCS campaigns only
    assert env.requests("GET", "filter%5Btype%5D=rcs") or env.requests("GET", "filter[type]=rcs")

    web_row = next(row for row in range(view.model.rowCount()) if cell(view, row, NAME) == "Summer collection teaser")
    click_row(qtbot, view, web_row)
    assert view.pane.value("Created in").startswith("The WWT.world web account")
    assert not view.pane.duplicate_button.isEnabled()  # no request of ours to copy

    view.web_box.setChecked(False)
    settle(qtbot, view)
    assert view.table.isColumnHidden(ORIGIN)
    assert view.model.rowCount() == 1


def test_looking_for_an_unknown_outcome_finds_the_campaign(qtbot, env):
    body, document = env.body(SPRING)
    lost = env.client.send_campaign(body)  # created, but its answer never reached the program
    record_id = env.history.record_unknown_outcome(
        body, lists=lists_of(document), time_zone="UTC", server=env.label, sent_at=env.now[0]
    )
    view = env.view
    view.reload()
    settle(qtbot, view)
    assert statuses(view) == [status_look(STATUS_UNKNOWN_OUTCOME).text]
    assert view.selected_record().record_id == record_id
    assert view.pane.unknown_box.isVisible()
    assert "may have gone through" in view.pane.unknown_heading.text()
    assert not view.pane.stop_button.isEnabled()
    sends = len(env.requests("POST", "send-groups"))

    env.advance(8)
    click(qtbot, view, view.pane.look_button)
    record = view.selected_record()
    assert record.record_id == record_id and record.campaign_id == lost.id
    assert statuses(view) == ["Sending…"]
    assert f"created campaign {lost.id} after all" in view.notice.text()
    assert not view.pane.unknown_box.isVisible()
    assert view.pane.value("ID") == str(lost.id)
    assert len(env.requests("POST", "send-groups")) == sends  # never sent again


def test_an_unknown_outcome_not_found_is_said_plainly(qtbot, env):
    body, document = env.body(HELLO)
    env.history.record_unknown_outcome(
        body, lists=lists_of(document), time_zone="UTC", server=env.label, sent_at=env.now[0]
    )
    view = env.view
    view.reload()
    settle(qtbot, view)
    click(qtbot, view, view.pane.look_button)
    text = view.pane.look_result.text()
    assert view.pane.look_result.isVisible()
    assert "most likely not created" in text and "your choice" in text
    assert statuses(view) == [status_look(STATUS_UNKNOWN_OUTCOME).text]
    assert env.requests("POST", "send-groups") == []


# Words, colours, keyboard ----------------------------------------------------------------------------


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours."""

    def luminance(name: str) -> float:
        color = QColor(name)
        channels = []
        for value in (color.redF(), color.greenF(), color.blueF()):
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        red, green, blue = channels
        return 0.2126 * red + 0.7152 * green + 0.0722 * blue

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_status_has_words_and_a_colour_for_light_and_dark():
    texts = set()
    for status in (*limits.CAMPAIGN_STATUSES, STATUS_UNKNOWN_OUTCOME):
        look = status_look(status)
        assert look.text and look.explanation and look.tone in STATUS_TONES
        assert look.text != status and "_" not in look.text  # words for people, not the server's code
        texts.add(look.text)
        light, dark = tone_color(look.tone, dark=False).name(), tone_color(look.tone, dark=True).name()
        assert contrast(light, "#ffffff") >= 4.5 and contrast(light, "#f7f7f7") >= 4.5, status  # light rows
        assert contrast(dark, "#17181a") >= 4.5 and contrast(dark, "#26272a") >= 4.5, status  # dark rows
    assert len(texts) == len(limits.CAMPAIGN_STATUSES) + 1
    assert "balance" in status_look("paused").text


def test_controls_are_named_and_reachable_by_keyboard(qtbot, env):
    env.send(SPRING, start_at="2025-03-05 10:00:00")
    env.advance(1)
    view = env.view
    view.reload()
    settle(qtbot, view)
    assert statuses(view) == ["Scheduled"]  # read again when shown: it can be stopped
    for button in view.findChildren(QAbstractButton):
        if button.isVisibleTo(view):
            assert button.accessibleName() or button.text(), button.objectName()
            assert button.focusPolicy() & Qt.FocusPolicy.TabFocus, button.objectName()
    assert view.table.accessibleName()
    view.refresh_button.setFocus()
    reached = []
    for _ in range(8):
        qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Tab)
        reached.append(view.focusWidget())
    assert view.web_box in reached and view.table in reached
    assert view.pane.stop_button in reached and view.pane.duplicate_button in reached


def test_f5_refreshes_the_view_even_when_the_window_uses_it_too(qtbot, env):
    env.send(SPRING)
    window = QMainWindow()
    qtbot.addWidget(window)
    other = []
    action = QAction("Reload lists", window)
    action.setShortcut(QKeySequence.StandardKey.Refresh)
    action.triggered.connect(lambda: other.append(1))
    window.addAction(action)
    view = env.view
    window.setCentralWidget(view)
    window.show()
    view.reload()
    settle(qtbot, view)
    env.advance(6)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F5)
    settle(qtbot, view)
    assert statuses(view) == ["Sending…"]
    assert other == []
    window.takeCentralWidget()  # the fixture closes the view itself
    view.setParent(None)


def test_a_history_that_cannot_be_opened_is_said_plainly(qtbot, env):
    from app.history import HistoryError

    def broken() -> History:
        raise HistoryError("The campaign history could not be opened: the disk is full.", details="OSError: 28")

    env.view._history = broken
    env.view.reload()
    settle(qtbot, env.view)
    line = env.view.refresh_line
    assert line.isVisible() and "the disk is full" in line.text()
    assert line.details == "OSError: 28"
    assert env.view.stack.currentIndex() == EMPTY_PAGE


def test_a_campaign_of_another_server_is_shown_as_last_seen(qtbot, env):
    record_id, _ = env.send(SPRING, start_at="2025-03-05 10:00:00")
    env.view._server_label = demo_server_label  # a new demo session: the old server is gone
    env.view.reload()
    settle(qtbot, env.view)
    asked = len(env.server.requests)
    pane = env.view.pane
    assert env.view.selected_record().record_id == record_id
    assert pane.elsewhere.isVisible() and "last seen" in pane.elsewhere.text()
    assert not pane.stop_button.isEnabled()
    assert pane.duplicate_button.isEnabled()
    env.view.refresh_now()
    settle(qtbot, env.view)
    assert len(env.server.requests) == asked  # nothing asked about it
    assert statuses(env.view) == ["Being created"]
