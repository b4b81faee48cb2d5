"""The window's test, after an earlier test whose answer never came: looked up once the user has confirmed,
on a worker, and a phone that has this test already is not sent it again (as ``rcs-desk test`` does)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from app.api import WwtClient
from app.history import open_history
from app.history.sent_tests import load_test_messages, record_test_intent
from app.sandbox import SandboxServer
from app.test_sends.send import prepare_test_send
from helpers.messages import looked_up_references
from helpers.window import Harness, spring_sale_window
from ui.common.message_box import MessageDialog
from ui.sending.test_send_flow import ConfirmTestDialog, TestSendController
from ui.sending.test_send_flow import TestState as FlowState

TEST_PATH = "/api/messages/rcs/send"
PHONES = ["380991234567", "380671112233"]
EARLIER = "e" * 32
WAIT_MS = 10000


def posted_tests(server: SandboxServer) -> list:
    return [r for r in server.requests if r.method == "POST" and r.target.startswith(TEST_PATH)]


def earlier_unconfirmed_test(harness: Harness, phone: str, *, on_server: bool) -> None:
    """A test of this campaign to ``phone`` left "not confirmed" in the history (its answer lost), that
    reached the server when ``on_server``."""
    window = harness.window
    connection = window.connection
    prepared = prepare_test_send(window.editor.document, [f"+{phone}"], new_reference=lambda: EARLIER)
    [(_, body)] = prepared.messages
    with open_history(demo=connection.demo) as history:
        record_test_intent(
            history,
            server=connection.server_label,
            batch="earlier",
            reference_id=EARLIER,
            phone=phone,
            request=body,
            sent_at=datetime(2025, 4, 14, 10, 0, tzinfo=UTC),
        )
    if on_server:
        connection.client.send_message(body)


def controller_for(harness: Harness, phones: list[str]) -> TestSendController:
    harness.window.settings.test_phones = list(phones)
    controller = harness.window.test_sends.controller
    controller.refresh_ms = 50
    return controller


def run_test(qtbot, harness: Harness, phones: list[str], *, accept: bool = True) -> TestSendController:
    controller = controller_for(harness, phones)

    def answer(dialog: ConfirmTestDialog) -> None:
        assert looked_up_references(harness.server) == [], "looked up before the user confirmed"
        dialog.accept() if accept else dialog.reject()

    controller.present_confirmation = answer
    controller.request_test()
    qtbot.waitUntil(lambda: controller.state is FlowState.IDLE, timeout=WAIT_MS)
    return controller


def summary_and_rows(controller: TestSendController) -> tuple[str, dict[str, str]]:
    statuses = controller.statuses
    assert statuses is not None
    rows = {statuses.table.item(row, 0).text(): statuses.status_text(row) for row in range(statuses.table.rowCount())}
    return statuses.summary.text(), rows


def test_a_phone_that_had_this_test_already_is_not_sent_it_again(qtbot, monkeypatch):
    threads: list[str] = []
    real_find = WwtClient.find_message

    def recording_find(self, **kwargs):
        threads.append(threading.current_thread().name)
        return real_find(self, **kwargs)

    with spring_sale_window(qtbot) as harness:
        earlier_unconfirmed_test(harness, PHONES[0], on_server=True)
        monkeypatch.setattr(WwtClient, "find_message", recording_find)
        results = []
        controller = controller_for(harness, PHONES)
        controller.tested.connect(results.append)
        run_test(qtbot, harness, PHONES)
        sent = posted_tests(harness.server)
        assert len(sent) == 2  # the earlier test, and the new one to the other phone only
        assert b"380671112233" in sent[1].body and b"380991234567" not in sent[1].body
        assert EARLIER in looked_up_references(harness.server)
        assert threads and threading.main_thread().name not in threads
        [result] = results
        assert [phone.number for phone in result.phones] == [PHONES[1]]
        summary, rows = summary_and_rows(controller)
        assert "The test was sent to +380671112233." in summary
        assert "+380991234567 already had this test from earlier: it was not sent again." in summary
        assert set(rows) == {"+380991234567", "+380671112233"} and all(rows.values())
        with open_history(demo=True) as history:
            [earlier] = [r for r in load_test_messages(history) if r.reference_id == EARLIER]
        assert not earlier.outcome_unknown  # found: the history knows it was sent


def test_when_every_phone_had_this_test_no_request_is_made(qtbot):
    with spring_sale_window(qtbot) as harness:
        earlier_unconfirmed_test(harness, PHONES[0], on_server=True)
        controller = run_test(qtbot, harness, PHONES[:1])
        assert len(posted_tests(harness.server)) == 1  # the earlier one only
        summary, rows = summary_and_rows(controller)
        assert summary == "+380991234567 already had this test from earlier: it was not sent again."
        assert list(rows) == ["+380991234567"] and rows["+380991234567"]
        statuses = controller.statuses
        assert statuses is not None
        qtbot.waitUntil(lambda: not statuses.following, timeout=WAIT_MS)  # its status followed until final


def test_an_earlier_test_the_server_does_not_have_does_not_stop_this_one(qtbot):
    with spring_sale_window(qtbot) as harness:
        earlier_unconfirmed_test(harness, PHONES[0], on_server=False)
        controller = run_test(qtbot, harness, PHONES[:1])
        assert len(posted_tests(harness.server)) == 1
        assert looked_up_references(harness.server)[:1] == [EARLIER]
        summary, _ = summary_and_rows(controller)
        assert summary.startswith("The test was sent to +380991234567.") and "already had" not in summary


def test_nothing_is_looked_up_when_the_user_cancels(qtbot):
    with spring_sale_window(qtbot) as harness:
        earlier_unconfirmed_test(harness, PHONES[0], on_server=True)
        controller = run_test(qtbot, harness, PHONES, accept=False)
        assert looked_up_references(harness.server) == []
        assert len(posted_tests(harness.server)) == 1 and controller.statuses is None


def test_a_look_up_that_fails_unexpectedly_sends_nothing_and_says_so(qtbot, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the look-up")

    monkeypatch.setattr("ui.sending.test_send_flow.check_earlier_tests", broken)
    with spring_sale_window(qtbot) as harness:
        controller = run_test(qtbot, harness, PHONES)
        assert posted_tests(harness.server) == [] and controller.statuses is None
        [dialog] = harness.window.findChildren(MessageDialog)
        assert "Nothing was sent" in dialog.message_label.text()
        dialog.reject()
