"""File > Open in the window: any file opens quickly or is refused with its reason; nothing aborts Qt."""

from __future__ import annotations

import json
import os
import time

import pytest
from hypothesis import HealthCheck, given, settings

from app.campaign import limits
from app.campaign.file import CampaignFileError, load_campaign_file
from app.sandbox import SandboxServer
from helpers.campaign_strategies import (
    campaign_bytes,
    hostile_campaign_files,
    largest_accepted_file,
)
from helpers.window import EXAMPLES, close_window, make_window, sandbox_connection
from ui.common.message_box import MessageDialog

SPRING = EXAMPLES / "spring-sale.rcs.json"
OPEN_SECONDS = 5  # the largest accepted file opens in about 0.5 s on 2 cores; before, 1,000 cards took 30 s


@pytest.fixture
def harness(qtbot):
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    yield harness
    close_dialogs(harness.window)
    close_window(harness)


def shown_messages(window) -> list[str]:
    return [d.message_label.text() for d in window.findChildren(MessageDialog) if d.isVisible()]


def close_dialogs(window) -> None:
    for dialog in window.findChildren(MessageDialog):
        dialog.close()


def campaign_text(request: object, **top: object) -> str:
    return json.dumps({"format": "rcs-desk.campaign", "version": 1, "time_zone": "UTC", "request": request, **top})


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_file_open_of_a_fifo_says_why_at_once(qtbot, harness, tmp_path):
    window = harness.window
    window.files.open_path(SPRING)
    before = window.editor.document.to_bytes()
    fifo = tmp_path / "pipe.rcs.json"
    os.mkfifo(fifo)
    window.files.ask_open_path = lambda: str(fifo)
    window.files.open()  # File > Open; before, it waited for a writer forever
    [message] = shown_messages(window)
    assert message.startswith("pipe.rcs.json is not a file")
    assert window.editor.document.to_bytes() == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (campaign_text({"x": "NESTED"}).replace('"NESTED"', "[" * 100_000 + "]" * 100_000), "nests 100,002 levels"),
        (campaign_text({"x": float("nan")}), "NaN, which is not a number"),
        (campaign_text({"sender": "\ud800"}), "a broken character"),
        (campaign_text({"groups": [10**4000]}), "a number with 4,001 digits"),
        (campaign_text({"options": {"cards": [{"text": "Hi"}] * 1000}}), "it holds 1,000 cards"),
        (campaign_text({}, time_zone="A" * 300), "a time zone that does not exist"),
    ],
    ids=["deep", "nan", "surrogate", "huge-int", "1000-cards", "long-zone"],
)
def test_a_refused_file_is_explained_and_changes_nothing(qtbot, harness, tmp_path, content, expected):
    window = harness.window
    window.files.open_path(SPRING)
    before = window.editor.document.to_bytes()
    path = tmp_path / "bad.rcs.json"
    path.write_text(content, encoding="utf-8", errors="surrogatepass")
    window.files.ask_open_path = lambda: str(path)
    window.files.open()
    [message] = shown_messages(window)
    assert expected in message
    assert window.editor.document.to_bytes() == before and window.editor.path == SPRING.resolve()


@pytest.mark.parametrize("zone", ["Etc/GMT+12", "Pacific/Kiritimati"])
def test_a_send_time_at_the_end_of_the_calendar_opens(qtbot, harness, tmp_path, zone):
    # Moving 9999-12-31 23:59:59 into the account's zone (UTC) overflowed inside the schedule panel.
    path = tmp_path / "late.rcs.json"
    path.write_text(campaign_text({"start_at": "9999-12-31 23:59:59"}, time_zone=zone), encoding="utf-8")
    assert harness.window.files.open_path(path)
    assert any(p.path == "start_at" for p in harness.window.editor.errors)


def test_an_unexpected_failure_while_reading_is_shown_not_raised(qtbot, harness, tmp_path, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("ui.shell.file_actions.load_campaign_file", broken)
    assert not harness.window.files.open_path(SPRING)
    [message] = shown_messages(harness.window)
    assert "spring-sale.rcs.json could not be read" in message


@pytest.mark.slow
def test_the_largest_accepted_file_opens_well_under_the_old_times(qtbot, harness, tmp_path):
    window = harness.window
    path = tmp_path / "largest.rcs.json"
    path.write_bytes(campaign_bytes(largest_accepted_file()))  # validity 10**29 too: Qt's int cannot hold it
    started = time.perf_counter()
    assert window.files.open_path(path)
    qtbot.waitUntil(lambda: window.message_editor.cards.card_tabs.count() == limits.MAX_FILE_CARDS)
    elapsed = time.perf_counter() - started
    assert elapsed < OPEN_SECONDS, f"opening took {elapsed:.2f} s"
    assert shown_messages(window) == []
    assert window.editor.errors  # ten cards, long texts, huge numbers: each said at its field


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(content=hostile_campaign_files)
def test_fuzzed_files_open_or_are_refused_with_a_message(qtbot, harness, tmp_path, content):
    window = harness.window
    path = tmp_path / "fuzzed.rcs.json"
    path.write_bytes(content)
    try:
        expected = load_campaign_file(path)
    except CampaignFileError as exc:
        expected = None
        reason = exc.user_message
    opened = window.files.open_path(path)
    if expected is None:
        assert not opened and shown_messages(window) == [reason]
    else:
        assert opened and shown_messages(window) == []
        assert window.editor.document.to_json_dict() == expected.to_json_dict()
    close_dialogs(window)


def test_a_text_typed_past_what_a_file_holds_stops_there_so_the_file_opens_again(qtbot, harness, tmp_path):
    window = harness.window
    window.files.open_path(SPRING)
    card = window.message_editor.card_editors[0]
    pasted = "Sale! " * (limits.MAX_FILE_TEXT // 5)  # a paste longer than any file may hold
    card.text_field.setPlainText(pasted)
    card.title_field.setText(pasted)
    assert len(card.text_field.toPlainText()) == limits.MAX_FILE_TEXT
    assert len(card.title_field.text()) == limits.MAX_FILE_TEXT
    window.message_editor.text_field.setPlainText(pasted)  # the plain-text message too
    assert len(window.message_editor.text_field.toPlainText()) == limits.MAX_FILE_TEXT
    saved = tmp_path / "long.rcs.json"
    window.files.ask_save_path = lambda: str(saved)
    assert window.files.save_as()
    document = load_campaign_file(saved)  # opens again: nothing typed is locked out
    assert document.campaign.options.cards[0].text == pasted[: limits.MAX_FILE_TEXT]
