"""Opening in the window what people write by hand: the API's bare request, and a spaced call number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from app.platform import config
from app.sandbox import SandboxServer
from helpers.documented import documented_example
from helpers.window import EXAMPLES, close_window, make_window, sandbox_connection
from ui.common.message_box import MessageDialog
from ui.compose.button_editor import ButtonEditor
from ui.shell.file_actions import campaign_file_name

ZONE = "Asia/Tokyo"
NOTE = (
    "spring.json was not saved by this program, so it names no time zone: its times are read in this "
    "computer's time zone, Tokyo time. Save it as a campaign file to keep the time zone with it."
)


@pytest.fixture
def harness(qtbot, monkeypatch):
    monkeypatch.setattr(config, "local_time_zone_name", lambda: ZONE)
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    yield harness
    for dialog in harness.window.findChildren(MessageDialog):
        dialog.close()
    close_window(harness)


def test_a_bare_request_opens_with_a_note_and_saves_as_a_campaign(qtbot, harness, tmp_path):
    window = harness.window
    request = documented_example(group=1864603)
    path = tmp_path / "spring.json"
    path.write_text(json.dumps(request), encoding="utf-8")

    assert window.files.open_path(path)
    assert window.editor.document.time_zone == ZONE
    assert window.editor.document.campaign.to_request() == request
    assert status_bar_says(window) == NOTE

    # Not a campaign file yet: unsaved, and Save asks where, proposing a campaign name beside the original.
    assert window.editor.modified
    assert window.editor.path is None
    proposed = []

    def answer_save_dialog():
        proposed.append(window.files.proposed_save_path())
        return str(tmp_path / "spring.rcs.json")

    window.files.ask_save_path = answer_save_dialog
    assert window.files.save()
    assert proposed == [(tmp_path / "spring.rcs.json").resolve()]
    assert json.loads(path.read_text(encoding="utf-8")) == request  # the user's own file is left as it was
    saved = json.loads((tmp_path / "spring.rcs.json").read_text(encoding="utf-8"))
    assert saved["format"] == "rcs-desk.campaign"
    assert saved["time_zone"] == ZONE
    assert saved["request"] == request
    assert not window.editor.modified
    assert window.editor.path == (tmp_path / "spring.rcs.json").resolve()
    assert status_bar_says(window) == ""  # saved as a campaign file: the time zone is kept with it now


def status_bar_says(window) -> str:
    """What the left of the status bar shows: its message, or the labels there (not the permanent ones)."""
    bar = window.statusBar()
    permanent = {window.connection_status, window.balance_label}
    shown = [label.text() for label in bar.findChildren(QLabel) if label.isVisible() and label not in permanent]
    return bar.currentMessage() or " ".join(text for text in shown if text)


def open_bare_request(window, tmp_path) -> None:
    path = tmp_path / "spring.json"
    path.write_text(json.dumps(documented_example(group=1864603)), encoding="utf-8")
    assert window.files.open_path(path)


def test_the_note_stays_when_the_connection_comes_after_the_file(qtbot, harness, tmp_path):
    window = harness.window
    open_bare_request(window, tmp_path)  # as the program opens a file given to it: before it connects
    window.set_connection(window.connection)
    qtbot.waitUntil(lambda: not window.group_picker.loading, timeout=5000)
    assert status_bar_says(window) == NOTE
    assert window.connection_status.text() == "Demo server (nothing is sent)"  # said beside it


def test_the_note_is_shown_whole_in_a_small_window(qtbot, harness, tmp_path):
    window = harness.window
    window.resize(1024, 640)
    open_bare_request(window, tmp_path)
    [label] = [label for label in window.statusBar().findChildren(QLabel) if label.text() == NOTE]
    qtbot.waitUntil(lambda: label.isVisible() and label.height() >= label.heightForWidth(label.width()))
    assert label.width() < label.fontMetrics().horizontalAdvance(NOTE)  # it needs two lines, and has them
    assert label.geometry().right() < window.connection_status.geometry().left()


def test_a_new_campaign_or_another_file_takes_the_note_away(qtbot, harness, tmp_path):
    window = harness.window
    open_bare_request(window, tmp_path)
    window.files.new()
    assert status_bar_says(window) == ""
    open_bare_request(window, tmp_path)
    assert window.files.open_path(EXAMPLES / "spring-sale.rcs.json")
    assert status_bar_says(window) == ""


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("spring.json", "spring.rcs.json"),
        ("spring.rcs.json", "spring.rcs.json"),
        ("notes", "notes.rcs.json"),
        (".json", "campaign.rcs.json"),
    ],
)
def test_a_campaign_read_from_another_file_is_proposed_under_a_campaign_name(name, expected):
    assert campaign_file_name(Path(name)) == expected


def test_a_refused_file_is_still_refused(qtbot, harness, tmp_path):
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"groups": [1864603]}), encoding="utf-8")
    assert not harness.window.files.open_path(path)
    texts = [d.message_label.text() for d in harness.window.findChildren(MessageDialog) if d.isVisible()]
    assert texts and "not an RCS Campaign Desk campaign" in texts[0]


def test_a_spaced_call_number_in_a_file_shows_what_is_sent_and_no_problem(qtbot, harness, tmp_path):
    request = {
        "groups": [1864603],
        "sender": "WWT Shop",
        "options": {"cards": [{"text": "Call us", "suggestions": [{"text": "Call", "phone": "+380 99 123 45 67"}]}]},
    }
    path = tmp_path / "call.rcs.json"
    data = {"format": "rcs-desk.campaign", "version": 1, "time_zone": "UTC", "request": request}
    path.write_text(json.dumps(data), encoding="utf-8")
    window = harness.window

    assert window.files.open_path(path)
    [button] = window.findChildren(ButtonEditor)
    assert button.target_field.text() == "+380 99 123 45 67"
    assert button.sent_as.text() == "Sent as 380991234567"
    assert not any(p.path.endswith(".phone") for p in window.editor.problems)
