"""Opening in the window what people write by hand: the API's bare request, and a spaced call number."""

from __future__ import annotations

import json

import pytest

from app.platform import config
from app.sandbox import SandboxServer
from helpers.documented import documented_example
from helpers.window import close_window, make_window, sandbox_connection
from ui.common.message_box import MessageDialog
from ui.compose.button_editor import ButtonEditor

ZONE = "Asia/Tokyo"
NOTE = (
    "spring.json holds a request without the campaign wrapper: read in the computer's time zone, "
    "Asia/Tokyo. Saving writes it as a campaign file."
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

    assert window.files.save()
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["format"] == "rcs-desk.campaign"
    assert saved["time_zone"] == ZONE
    assert saved["request"] == request


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
