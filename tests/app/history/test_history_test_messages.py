"""Test messages in the history (schema version 2): the intent, the answer, later statuses, the bound."""

from __future__ import annotations

import pytest
from test_history import make_v1_file, raw_sql

from app.api.models import MessageInfo
from app.history import History, HistoryError, migrations
from app.history import sent_tests as rows
from app.history.records import STATUS_UNKNOWN_OUTCOME
from helpers.messages import START

BODY = {"phone": {"number": "380991234567", "reference_id": "ref1"}, "sender": "WWT Shop", "options": {"text": "Hi"}}
ANSWER = {
    "id": 3272625619,
    "status": "accepted",
    "amount": {"value": "0.0175696", "currency": "USD"},
    "created_at": "2025-04-14 13:00:00",
}


def intent(history: History, reference: str = "ref1", batch: str = "b1") -> int:
    return rows.record_test_intent(
        history,
        server="https://api.test",
        batch=batch,
        reference_id=reference,
        phone="380991234567",
        request=BODY,
        sent_at=START,
        sent_by="maria",
    )


@pytest.fixture
def history(tmp_path) -> History:
    return History(tmp_path / "history.sqlite3")


def test_the_intent_is_a_not_confirmed_row_with_the_exact_request(history):
    record_id = intent(history)
    [row] = rows.load_test_messages(history, batch="b1")
    assert (row.record_id, row.status, row.outcome_unknown, row.message_id) == (
        record_id,
        STATUS_UNKNOWN_OUTCOME,
        True,
        None,
    )
    assert row.request == BODY and row.reference_id == "ref1" and row.sent_at == "2025-04-14T10:00:00+00:00"
    assert row.message is None


def test_the_answer_then_later_statuses_complete_the_row(history):
    record_id = intent(history)
    assert rows.record_test_answer(history, record_id, MessageInfo.from_raw(ANSWER), answered=True)
    later = {
        **ANSWER,
        "status": "undelivered",
        "alternative_channels": {"sms": {"parts": 1, "id": [9], "status": "delivered"}},
    }
    assert rows.record_test_answer(history, record_id, MessageInfo.from_raw(later), answered=False)
    assert not rows.record_test_answer(history, record_id, MessageInfo.from_raw(later), answered=False)
    row = rows.load_test_message(history, record_id)
    assert row is not None
    assert (row.message_id, row.status, row.price, row.currency) == (3272625619, "undelivered", "0.0175696", "USD")
    assert (row.sms_sent, row.sms_status) == (True, "delivered")
    assert row.answer == ANSWER and row.message is not None and row.message.status == "undelivered"


def test_a_refresh_problem_is_kept_until_the_next_answer(history):
    record_id = intent(history)
    rows.set_test_refresh_problem(history, record_id, "The server took too long to answer.")
    assert rows.load_test_messages(history)[0].refresh_problem == "The server took too long to answer."
    rows.record_test_answer(history, record_id, MessageInfo.from_raw(ANSWER), answered=False)
    assert rows.load_test_messages(history)[0].refresh_problem is None


def test_one_reference_is_one_row(history):
    intent(history)
    with pytest.raises(HistoryError):
        intent(history)


def test_a_batch_reads_in_the_order_sent_and_everything_newest_first(history):
    for reference, batch in (("r1", "a"), ("r2", "b"), ("r3", "a")):
        intent(history, reference, batch)
    assert [r.reference_id for r in rows.load_test_messages(history, batch="a")] == ["r1", "r3"]
    assert [r.reference_id for r in rows.load_test_messages(history)] == ["r3", "r2", "r1"]
    rows.forget_test_message(history, rows.load_test_messages(history)[0].record_id)
    assert [r.reference_id for r in rows.load_test_messages(history)] == ["r2", "r1"]


def test_only_the_last_rows_are_kept(history, monkeypatch):
    monkeypatch.setattr(rows, "MAX_KEPT", 3)
    for number in range(5):
        intent(history, f"r{number}")
    assert [r.reference_id for r in rows.load_test_messages(history)] == ["r4", "r3", "r2"]


def test_a_version_1_history_gets_test_messages_and_keeps_its_campaigns(tmp_path):
    path = tmp_path / "history.sqlite3"
    make_v1_file(path)
    history = History(path)
    assert raw_sql(path, "PRAGMA user_version") == [(migrations.latest_version(),)]
    assert [r.name for r in history.records()] == ["Old one"]
    intent(history)
    assert len(rows.load_test_messages(history)) == 1
