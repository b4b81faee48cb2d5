"""Opening in the window what people write by hand: the API's bare request, and a spaced call number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.platform import config
from app.sandbox import SandboxServer
from helpers.documented import documented_example
from helpers.window import close_window, make_window, sandbox_connection
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
    assert window.statusBar().currentMessage() == NOTE

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
