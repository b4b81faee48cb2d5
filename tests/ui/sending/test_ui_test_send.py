"""Send a test (issue 12): one message per test phone with the exact body, once, and its status followed."""

from __future__ import annotations

import json
import threading

from PySide6.QtWidgets import QApplication, QLineEdit

from app.platform.config import Settings
from app.sandbox import SandboxServer
from app.test_sends.send import MessageOutcome, prepare_test_send
from helpers.window import close_window, make_window, sandbox_connection, spring_sale_window
from ui.sending.test_send_flow import ConfirmTestDialog
from ui.sending.test_send_flow import TestState as FlowState
from ui.shell.settings_dialog import SettingsDialog

TEST_PATH = "/api/messages/rcs/send"
PHONES = ["380991234567", "380671112233"]
WAIT_MS = 10000


def posted_tests(server: SandboxServer) -> list:
    return [r for r in server.requests if r.method == "POST" and r.target.startswith(TEST_PATH)]


def run_test(qtbot, harness, *, answer=lambda dialog: dialog.accept()) -> list[ConfirmTestDialog]:
    window = harness.window
    window.settings.test_phones = list(PHONES)
    controller = window.test_sends.controller
    controller.refresh_ms = 50
    asked: list[ConfirmTestDialog] = []

    def present(dialog: ConfirmTestDialog) -> None:
        asked.append(dialog)
        answer(dialog)

    controller.present_confirmation = present
    controller.request_test()
    controller.request_test()  # a second press while busy is ignored
    qtbot.waitUntil(lambda: controller.state is FlowState.IDLE, timeout=WAIT_MS)
    return asked


def test_a_test_sends_one_message_per_phone_with_the_exact_body(qtbot):
    with spring_sale_window(qtbot) as harness:
        asked = run_test(qtbot, harness)
        assert len(asked) == 1
        sent = posted_tests(harness.server)
        assert len(sent) == 2
        bodies = [json.loads(request.body) for request in sent]
        references = iter([body["phone"]["reference_id"] for body in bodies])
        expected = prepare_test_send(
            harness.window.editor.document, [f"+{p}" for p in PHONES], new_reference=lambda: next(references)
        )
        assert bodies == [body for _, body in expected.messages]
        assert all("groups" not in body and body["add_to_contact_book"] is False for body in bodies)


def test_a_double_click_on_the_question_sends_once(qtbot):
    def twice(dialog: ConfirmTestDialog) -> None:
        dialog.accept()
        dialog.accept()
        dialog.send_button.click()

    with spring_sale_window(qtbot) as harness:
        run_test(qtbot, harness, answer=twice)
        assert len(posted_tests(harness.server)) == len(PHONES)


def test_cancel_sends_nothing(qtbot):
    with spring_sale_window(qtbot) as harness:
        run_test(qtbot, harness, answer=lambda dialog: dialog.reject())
        assert posted_tests(harness.server) == []
        assert harness.window.test_sends.controller.statuses is None


def test_the_statuses_are_shown_in_words_and_followed_until_final(qtbot):
    with spring_sale_window(qtbot) as harness:
        run_test(qtbot, harness)
        statuses = harness.window.test_sends.controller.statuses
        assert statuses is not None and statuses.isVisible()
        assert "+380991234567" in statuses.summary.text()
        qtbot.waitUntil(lambda: statuses.refreshed >= 1, timeout=WAIT_MS)
        words = [statuses.status_text(row) for row in range(statuses.table.rowCount())]
        assert all(words) and not any("{" in text or "_" in text for text in words)


def test_a_lost_answer_is_looked_up_not_sent_again(qtbot):
    server = SandboxServer()
    server.faults.drop_connection = True
    server.faults.only_path = TEST_PATH
    harness = make_window(qtbot, sandbox_connection(server), server)
    try:
        harness.window.files.open_path(harness_example())
        results = []
        harness.window.test_sends.controller.tested.connect(results.append)
        run_test(qtbot, harness)
        assert len(posted_tests(server)) == len(PHONES)  # never a second request for a phone
        [result] = results
        assert all(phone.outcome is MessageOutcome.SENT and phone.looked_up for phone in result.phones)
        looks = [r for r in server.requests if r.method == "GET" and "reference_id" in r.target]
        assert len(looks) >= len(PHONES)
    finally:
        server.faults.clear()
        close_window(harness)


def harness_example():
    from helpers.window import EXAMPLES

    return EXAMPLES / "spring-sale.rcs.json"


def test_without_test_phones_settings_open_at_that_field(qtbot):
    with spring_sale_window(qtbot) as harness:
        window = harness.window
        window.settings.test_phones = []
        window.test_sends.request()
        dialog = window.findChild(SettingsDialog)
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
        QApplication.processEvents()
        focused = dialog.focusWidget()
        assert isinstance(focused, QLineEdit) and focused.objectName() == "testPhoneEdit0"
        assert posted_tests(harness.server) == []
        dialog.reject()


def test_the_menu_item_shows_its_shortcut_and_sends_a_test(qtbot):
    with spring_sale_window(qtbot) as harness:
        action = harness.window.test_sends.action
        assert action is not None and action.shortcut().toString() == "Ctrl+Shift+T"
        shortcuts = [a.shortcut().toString() for a in harness.window.findChildren(type(action)) if a is not action]
        assert "Ctrl+Shift+T" not in shortcuts


def test_no_http_client_or_history_is_opened_on_the_gui_thread(qtbot, client_threads, monkeypatch):
    from ui.shell.history_access import HistoryAccess

    opened: list[str] = []
    real_open = HistoryAccess.open

    def recording(self, *, demo: bool):
        opened.append(threading.current_thread().name)
        return real_open(self, demo=demo)

    with spring_sale_window(qtbot) as harness:
        monkeypatch.setattr(HistoryAccess, "open", recording)
        client_threads.clear()  # the test's own connection was made above, on this thread
        run_test(qtbot, harness)
        statuses = harness.window.test_sends.controller.statuses
        assert statuses is not None
        qtbot.waitUntil(lambda: statuses.refreshed >= 1, timeout=WAIT_MS)
    gui = threading.main_thread().name
    assert gui not in client_threads
    assert len(opened) >= len(PHONES) and gui not in opened


def test_test_phones_typed_as_people_write_them_are_stored_as_digits(qtbot):
    saved: list[Settings] = []
    settings = Settings()
    dialog = SettingsDialog(settings, save=saved.append)
    qtbot.addWidget(dialog)
    fields = dialog.test_phones.fields
    fields[0].setText("+380 99 123 45 67")
    fields[1].setText("(067) 111-22-33")  # no country code
    dialog.on_save_clicked()
    assert saved == []  # not saved: the problem is shown at its field
    assert fields[1].property("severity") == "error"
    shown = [label.text() for label in dialog.test_phones.findChildren(type(dialog.key_status)) if not label.isHidden()]
    assert any("country code" in text for text in shown)
    fields[1].setText("+380 67 111 22 33")
    fields[2].setText("+380 99 123 45 67")  # twice: kept once
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=WAIT_MS)
    dialog.on_save_clicked()
    assert [s.test_phones for s in saved] == [["380991234567", "380671112233"]]
    assert settings.test_phones == ["380991234567", "380671112233"]
    assert Settings.from_json(settings.to_json()).test_phones == settings.test_phones
