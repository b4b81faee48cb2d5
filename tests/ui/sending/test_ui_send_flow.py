"""The send flow end to end: the window, the worker thread and the built-in server."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import Qt

from app import api
from app.campaign.file import load_campaign_file
from app.sandbox import SandboxServer
from helpers.window import (
    EXAMPLES,
    close_window,
    make_window,
    sandbox_connection,
    spring_sale_window,
    wait_for_question,
)


@pytest.fixture
def harness(qtbot):
    with spring_sale_window(qtbot) as harness:
        yield harness


def send(qtbot, harness) -> None:
    before = harness.outcomes
    qtbot.mouseClick(harness.window.send_button, Qt.MouseButton.LeftButton)
    wait_for_question(qtbot, harness.window)
    qtbot.waitUntil(lambda: harness.outcomes > before and not harness.window.send_controller.busy, timeout=10000)


def test_send_shows_the_created_campaign(qtbot, harness):
    window = harness.window
    assert window.send_button.isEnabled()
    send(qtbot, harness)
    [info] = harness.results
    assert len(harness.sends()) == 1
    assert isinstance(info.id, int)
    assert window.send_button.isEnabled()
    assert "created" in window.statusBar().currentMessage()


def test_confirmation_says_what_will_happen(qtbot, harness):
    harness.accept = False
    qtbot.mouseClick(harness.window.send_button, Qt.MouseButton.LeftButton)
    wait_for_question(qtbot, harness.window)
    [shown] = harness.confirmations
    texts = shown.text
    assert "WWT Shop" in texts
    assert "VIP customers" in texts and "Kyiv store visitors" in texts and "1,590 contacts" in texts
    assert "Now" in texts
    assert "Carousel of 2 cards" in texts
    assert "SMS fallback" in texts or "On, from WWTshop" in texts
    assert shown.cancel_is_default
    assert harness.sends() == []  # cancelled: nothing sent


def test_result_dialog_shows_id_status_and_price(qtbot, harness):
    from ui.sending.campaign_result import CampaignResultDialog

    harness.window.send_controller.present_result = harness.window.send_controller._show_result
    qtbot.mouseClick(harness.window.send_button, Qt.MouseButton.LeftButton)
    wait_for_question(qtbot, harness.window)
    qtbot.waitUntil(lambda: bool(harness.window.findChildren(CampaignResultDialog)), timeout=10000)
    dialog = harness.window.findChildren(CampaignResultDialog)[0]
    assert dialog.campaign_result.objectName() == "campaignResult"
    text = dialog.campaign_result.text()
    answer = [r for r in harness.server.requests if r.target.startswith("/api/campaigns/rcs")]
    assert len(answer) == 1
    assert "Status: " in text and "Estimated price: " in text and "USD" in text
    id_line = next(line for line in text.splitlines() if line.startswith("ID: "))
    assert id_line.removeprefix("ID: ").isdigit()
    dialog.accept()


def test_server_refusal_is_shown_at_the_field(qtbot, harness):
    window = harness.window
    window.editor.document.campaign.sms.sender = "NotOurs"  # valid form, not registered on the account
    window.editor.touch()
    send(qtbot, harness)
    [error] = harness.failures
    assert isinstance(error, api.Rejected)
    assert "alternative_channel.sms.sender" in error.field_errors
    shown = [p for p in window.editor.problems if p.path == "alternative_channel.sms.sender"]
    assert shown and shown[0].is_error
    assert "{" not in error.user_message
    assert window.editor.document.campaign.sms.sender == "NotOurs"  # nothing the user typed is lost


def test_the_same_campaign_twice_asks_first_and_a_429_is_explained(qtbot, harness):
    send(qtbot, harness)
    assert harness.confirmations[0].caution is None
    send(qtbot, harness)
    caution = harness.confirmations[1].caution
    assert caution is not None and "already sent this same campaign" in caution
    [error] = harness.failures
    assert isinstance(error, api.DuplicateRequest)
    assert len(harness.sends()) == 2  # the second one only because the user confirmed it again


def test_double_click_sends_once(qtbot, harness):
    controller = harness.window.send_controller
    held = []
    controller.present_confirmation = held.append
    qtbot.mouseClick(harness.window.send_button, Qt.MouseButton.LeftButton)
    wait_for_question(qtbot, harness.window)
    qtbot.mouseClick(harness.window.send_button, Qt.MouseButton.LeftButton)
    wait_for_question(qtbot, harness.window)
    controller.request_send()  # the keyboard shortcut while the confirmation is open
    wait_for_question(qtbot, controller)
    assert len(held) == 1
    assert not harness.window.send_button.isEnabled()
    held[0].accept()
    controller.request_send()  # while the request runs
    wait_for_question(qtbot, controller)
    qtbot.waitUntil(lambda: harness.outcomes == 1 and not controller.busy, timeout=10000)
    assert len(held) == 1
    assert len(harness.sends()) == 1


def test_timeout_is_an_unknown_outcome_and_is_not_resent(qtbot):
    server = SandboxServer()
    server.faults.delay_s = 5
    server.faults.only_path = "/api/campaigns/rcs/send-groups"
    harness = make_window(qtbot, sandbox_connection(server, send_timeout=0.3), server)
    try:
        harness.window.files.open_path(EXAMPLES / "spring-sale.rcs.json")
        send(qtbot, harness)
        [error] = harness.failures
        assert isinstance(error, api.OutcomeUnknown)
        assert "campaign list" in error.user_message
        assert len(harness.sends()) == 1
        harness.accept = False
        harness.window.send_controller.request_send()
        wait_for_question(qtbot, harness.window)
        caution = harness.confirmations[1].caution
        assert caution is not None and "may have gone through" in caution
        assert len(harness.sends()) == 1
    finally:
        server.faults.clear()
        close_window(harness)


def test_unreachable_server_keeps_everything_typed(qtbot):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    from app.api import WwtClient
    from app.tasks.connection import Connection

    server = SandboxServer()
    connection = Connection(
        client=WwtClient(f"http://127.0.0.1:{port}", "live_x"),
        demo=False,
        base_url=f"http://127.0.0.1:{port}",
        account_time_zone="UTC",
    )
    harness = make_window(qtbot, connection, server)
    try:
        harness.window.files.open_path(EXAMPLES / "spring-sale.rcs.json")
        harness.window.editor.document.campaign.sender = "Typed just now"
        harness.window.editor.touch()
        before = harness.window.editor.document.to_bytes()
        send(qtbot, harness)
        [error] = harness.failures
        assert isinstance(error, api.CannotReachServer)
        assert harness.window.editor.document.to_bytes() == before
        assert harness.window.editor.modified
    finally:
        close_window(harness)


def test_errors_disable_send_and_the_tooltip_says_why(qtbot, harness):
    window = harness.window
    window.editor.document.campaign.sender = None
    window.editor.touch()
    assert not window.send_button.isEnabled()
    assert "RCS agent" in window.send_button.toolTip()
    assert "1 problem to fix" in window.problems_label.text()


def test_sent_request_is_the_file_request(qtbot, harness):
    send(qtbot, harness)
    [sent] = harness.sends()
    expected = load_campaign_file(EXAMPLES / "spring-sale.rcs.json").campaign.to_request(for_sending=True)
    assert sent.json() == expected


def test_a_sent_campaign_is_recorded_in_the_history(qtbot, harness):
    send(qtbot, harness)
    [info] = harness.results
    history = harness.window.history.get(demo=True)
    [record] = history.records()
    assert record.campaign_id == info.id
    assert record.request == load_campaign_file(EXAMPLES / "spring-sale.rcs.json").campaign.to_request(for_sending=True)
    assert record.list_names == {1864603: "VIP customers", 1864604: "Kyiv store visitors"}


def test_an_unknown_outcome_is_recorded_as_such(qtbot):
    server = SandboxServer()
    server.faults.drop_connection = True
    server.faults.only_path = "/api/campaigns/rcs/send-groups"
    harness = make_window(qtbot, sandbox_connection(server), server)
    try:
        harness.window.files.open_path(EXAMPLES / "spring-sale.rcs.json")
        send(qtbot, harness)
        assert isinstance(harness.failures[0], api.OutcomeUnknown)
        [record] = harness.window.history.get(demo=True).records()
        assert record.outcome_unknown and record.campaign_id is None
    finally:
        server.faults.clear()
        close_window(harness)


def test_balance_is_shown_and_a_low_balance_is_warned_about_before_sending(qtbot, harness):
    from app.api.models import Balance

    window = harness.window
    qtbot.waitUntil(lambda: window.balance is not None, timeout=5000)
    assert window.balance_label.text().startswith("Balance: ")
    window.balance = Balance(balance=3.0, currency="USD", credit=0.0)  # 1,590 contacts cost more than that
    harness.accept = False
    window.send_controller.request_send()
    wait_for_question(qtbot, window)
    caution = harness.confirmations[-1].caution
    assert caution is not None and "may not cover 1,590 messages" in caution
    window.balance = Balance(balance=500.0, currency="USD", credit=0.0)
    window.send_controller.request_send()
    wait_for_question(qtbot, window)
    assert harness.confirmations[-1].caution is None


def test_an_unknown_outcome_leads_to_the_campaigns_list_not_to_a_resend(qtbot):
    from PySide6.QtWidgets import QPushButton

    from ui.common.message_box import MessageDialog
    from ui.shell.main_window import CAMPAIGNS_TAB

    server = SandboxServer()
    server.faults.drop_connection = True
    server.faults.only_path = "/api/campaigns/rcs/send-groups"
    harness = make_window(qtbot, sandbox_connection(server), server)
    window = harness.window
    try:
        window.files.open_path(EXAMPLES / "spring-sale.rcs.json")
        window.send_controller.present_failure = window.send_controller._show_failure
        qtbot.mouseClick(window.send_button, Qt.MouseButton.LeftButton)
        wait_for_question(qtbot, window)
        qtbot.waitUntil(lambda: bool(window.findChildren(MessageDialog)), timeout=10000)
        [dialog] = window.findChildren(MessageDialog)
        assert "listed under Campaigns" in dialog.message_label.text()
        dialog.findChild(QPushButton, "messageActionButton").click()
        view = window.campaigns_view  # built as its tab is shown
        assert view is not None and window.main_tabs.currentIndex() == CAMPAIGNS_TAB
        qtbot.waitUntil(view.isVisible, timeout=5000)
        qtbot.waitUntil(lambda: view.record_count == 1, timeout=5000)
        assert len(harness.sends()) == 1
    finally:
        server.faults.clear()
        close_window(harness)


def test_a_picture_that_will_not_show_must_be_sent_anyway_knowingly(qtbot):
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    window = harness.window
    try:
        document = load_campaign_file(EXAMPLES / "spring-sale.rcs.json")
        document.campaign.options.cards[0].media.url = "https://demo.rcs-desk.invalid/media/missing.jpg"
        window.editor.replace(document)
        qtbot.waitUntil(lambda: any("will not show" in p.message for p in window.editor.errors), timeout=10000)
        [error] = [p for p in window.editor.errors if "will not show" in p.message]
        assert error.path == "options.cards[0].media" and error.overridable
        assert window.send_button.isEnabled()  # the confirmation asks about it
        assert "Not ready: card 1's picture will not show on phones" in window.problems_label.text()
        harness.accept = False
        window.send_controller.request_send()
        wait_for_question(qtbot, window)
        assert "The picture will not show on phones" in harness.confirmations[-1].text
        assert harness.sends() == []
    finally:
        close_window(harness)
