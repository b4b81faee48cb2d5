"""The Message tab names a file's value it cannot show (``not allowed: 123``), and typing replaces it."""

from __future__ import annotations

import json

import pytest

from app.platform import config
from app.sandbox import SandboxServer
from helpers.window import close_window, make_window, sandbox_connection
from ui.compose.agent_field import AgentField
from ui.compose.button_editor import ButtonEditor
from ui.compose.card_editor import CardEditor


@pytest.fixture
def harness(qtbot, monkeypatch):
    monkeypatch.setattr(config, "local_time_zone_name", lambda: "UTC")
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    yield harness
    close_window(harness)


def open_request(harness, tmp_path, request):
    path = tmp_path / "odd.rcs.json"
    data = {"format": "rcs-desk.campaign", "version": 1, "time_zone": "UTC", "request": request}
    path.write_text(json.dumps(data), encoding="utf-8")
    assert harness.window.files.open_path(path)


def test_wrong_values_are_named_in_their_fields_and_typing_replaces_them(qtbot, harness, tmp_path):
    card = {"title": 7, "text": False, "suggestions": [{"type": "link", "text": 12, "url": ["x"]}]}
    open_request(harness, tmp_path, {"groups": [1], "sender": 123, "options": {"cards": [card]}})
    window = harness.window
    [agent] = window.findChildren(AgentField)
    qtbot.waitUntil(lambda: len(window.findChildren(CardEditor)) == 1)  # the replaced document's editors are gone
    [card_editor] = window.findChildren(CardEditor)
    [button] = window.findChildren(ButtonEditor)
    line = agent.combo.lineEdit()
    assert line.text() == "" and line.placeholderText() == "not allowed: 123"
    assert card_editor.title_field.placeholderText() == "not allowed: 7"
    assert card_editor.text_field.placeholderText() == "not allowed: false"
    assert button.text_field.placeholderText() == "not allowed: 12"
    assert button.target_field.placeholderText() == "not allowed: a list"

    line.setFocus()
    qtbot.keyClicks(line, "WWT Shop")
    qtbot.keyClicks(card_editor.title_field, "Spring")
    qtbot.keyClicks(button.text_field, "Open")
    request = window.editor.campaign.to_request()
    assert request["sender"] == "WWT Shop"
    assert request["options"]["cards"][0]["title"] == "Spring"
    assert request["options"]["cards"][0]["suggestions"][0]["text"] == "Open"
    assert request["options"]["cards"][0]["text"] is False  # untouched: still the file's, still named


def test_a_plain_text_message_that_is_not_text_is_named(qtbot, harness, tmp_path):
    open_request(harness, tmp_path, {"groups": [1], "sender": "Shop", "options": {"text": 42}})
    editor = harness.window.message_editor
    assert editor.text_field.placeholderText() == "not allowed: 42"


def test_right_values_keep_the_usual_hints(qtbot, harness, tmp_path):
    card = {"title": "T", "text": "x", "suggestions": [{"type": "call", "text": "Call", "phone": "380991234567"}]}
    open_request(harness, tmp_path, {"groups": [1], "sender": "Shop", "options": {"cards": [card]}})
    qtbot.waitUntil(lambda: len(harness.window.findChildren(CardEditor)) == 1)
    [button] = harness.window.findChildren(ButtonEditor)
    assert button.target_field.placeholderText().startswith("Phone number with country code")
    assert "not allowed" not in harness.window.findChildren(CardEditor)[0].title_field.placeholderText()
