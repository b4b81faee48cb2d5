"""The campaign history's messages in Ukrainian (issue 13); the keys it stores stay English."""

from __future__ import annotations

import sqlite3

from app.api.models import CampaignInfo
from app.history import History, search_message
from app.history.db import message_for
from app.history.records import ORIGIN_LOCAL, STATUS_UNKNOWN_OUTCOME
from app.history.titles import display_title


def _failure(name: str) -> sqlite3.Error:
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorname = name
    return error


def test_a_full_disk_is_said_in_ukrainian_and_never_asks_to_send_again(ukrainian):
    said = message_for(_failure("SQLITE_FULL"), True)
    assert said == (
        "Диск заповнений: не вдалося зберегти історію кампаній. Звільніть трохи місця на диску. "
        "Кампаній на сервері це не стосується."
    )
    assert "30 с" in message_for(_failure("SQLITE_BUSY"), False)


def test_what_a_search_found_is_said_in_ukrainian(ukrainian):
    found = CampaignInfo.from_raw({"id": 844836979, "status": "scheduled"})
    assert search_message(found).startswith("Кампанію все-таки створено (номер 844836979, стан: ")
    assert search_message(None).endswith("перш ніж надсилати її знову.")


def test_a_campaign_without_words_is_called_a_campaign_and_its_keys_stay_english(ukrainian, tmp_path):
    history = History(tmp_path / "history.sqlite3", user="maria")
    record_id = history.record_unknown_outcome(
        {"groups": [1], "sender": "Shop", "options": {}}, lists={}, time_zone="UTC", server="https://api.test"
    )
    record = history.record(record_id)
    assert record is not None
    assert display_title(record) == "Кампанія"
    assert (
        (record.origin, record.status) == (ORIGIN_LOCAL, STATUS_UNKNOWN_OUTCOME) == ("this computer", "unknown outcome")
    )
