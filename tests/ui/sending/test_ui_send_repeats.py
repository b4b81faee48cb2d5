"""The window's confirmation keeps the core's rule for the same campaign sent again (``app.sending.repeats``):
a send from the command line, or from an earlier session, is cautioned about too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from app.api.models import CampaignInfo
from app.history import open_history
from app.sending.pipeline import prepare_send
from app.sending.repeats import RECENT
from helpers.window import spring_sale_window, wait_for_question
from ui.sending.send_flow import SendState


@pytest.fixture
def harness(qtbot):
    with spring_sale_window(qtbot) as harness:
        harness.accept = False
        yield harness


def record_earlier_send(harness, ago: timedelta, campaign_id: int | None) -> None:
    """What another program (``rcs-desk send``) left in the history: the same body, sent ``ago``."""
    window = harness.window
    connection = window.connection
    prepared = prepare_send(window.editor.document, connection.account_time_zone)
    sent_at = datetime.now(UTC) - ago
    with open_history(demo=connection.demo) as history:
        if campaign_id is None:
            history.record_unknown_outcome(
                prepared.body, lists=prepared.lists, time_zone="UTC", server=connection.server_label, sent_at=sent_at
            )
        else:
            info = CampaignInfo.from_raw({"id": campaign_id, "status": "scheduled"})
            history.record_sent(
                prepared.body,
                info,
                lists=prepared.lists,
                time_zone="UTC",
                server=connection.server_label,
                sent_at=sent_at,
            )


def ask(qtbot, harness) -> str | None:
    qtbot.mouseClick(harness.window.send_button, Qt.MouseButton.LeftButton)
    wait_for_question(qtbot, harness.window)
    return harness.confirmations[-1].caution


def test_a_send_from_the_command_line_is_cautioned_about(qtbot, harness):
    record_earlier_send(harness, timedelta(minutes=20), 844836979)
    caution = ask(qtbot, harness)
    assert caution is not None and "already sent this same campaign at " in caution
    assert "(campaign 844836979)" in caution
    assert harness.sends() == []


def test_an_unanswered_send_of_another_day_is_cautioned_about(qtbot, harness):
    record_earlier_send(harness, timedelta(days=2), None)
    caution = ask(qtbot, harness)
    assert caution is not None and "may have gone through" in caution


def test_a_send_older_than_recent_is_not(qtbot, harness):
    record_earlier_send(harness, RECENT + timedelta(minutes=5), 844836979)
    assert ask(qtbot, harness) is None


def test_the_history_is_read_off_the_window_thread_and_the_question_waits_for_it(qtbot, harness):
    """The history is a file another program may be writing (a wait of up to its busy timeout): it is read
    on a worker, and while it is read, Send does nothing more."""
    import threading

    controller = harness.window.send_controller
    opened_on: list[bool] = []
    release = threading.Event()
    real_history = controller._history

    def slow_history(demo: bool):
        opened_on.append(threading.current_thread() is threading.main_thread())
        release.wait(10)
        return real_history(demo)

    controller._history = slow_history
    qtbot.mouseClick(harness.window.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened_on))
    assert opened_on == [False]
    assert controller.state is SendState.CHECKING and harness.confirmations == []
    controller.request_send()  # a second press while the history is read: nothing more
    release.set()
    wait_for_question(qtbot, harness.window)
    assert len(harness.confirmations) == 1 and opened_on == [False]
