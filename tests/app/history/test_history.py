"""The campaign history: recording, statuses, web-account campaigns, unknown outcomes, migrations,
damaged files and a kill in the middle of a write."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app import api
from app.api.models import CampaignDetail, CampaignInfo
from app.campaign.file import ListInfo
from app.history import (
    ORIGIN_LOCAL,
    ORIGIN_WEB,
    STATUS_UNKNOWN_OUTCOME,
    History,
    HistoryError,
    NewerHistory,
    db,
    look_for_unknown_outcome,
    match_candidates,
    migrations,
    open_history,
    refresh_statuses,
)
from app.platform.config import app_paths
from helpers.child_output import read_lines_until

ROOT = Path(__file__).resolve().parents[3]
T0 = datetime(2025, 3, 1, 10, 0, 0, tzinfo=UTC)
REQUEST = {
    "groups": [11, 12],
    "sender": "WWT Shop",
    "options": {"cards": [{"title": "Spring sale", "text": "Everything -30%"}]},
    "validity": 48,
}
LISTS = {11: ListInfo("VIP customers", 240), 12: ListInfo("Kyiv store", 1350)}


class Clock:
    def __init__(self, moment: datetime = T0) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, **delta: float) -> None:
        self.moment += timedelta(**delta)


def info(campaign_id: int | None = 501, **fields) -> CampaignInfo:
    raw = {
        "id": campaign_id,
        "name": "RCS api campaign",
        "sender": "WWT Shop",
        "status": "creation",
        "message_type": "rcs",
        "start_at": "2025-03-01 10:00:00",
        "created_at": "2025-03-01 10:00:00",
        "statistics": {"delivered": 0, "sent": 0},
        "calculated_price": 12.5,
        "currency": "USD",
    }
    raw.update(fields)
    return CampaignInfo.from_raw(raw)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def history(tmp_path, clock) -> History:
    return History(tmp_path / "history.sqlite3", clock=clock, user="maria")


def record(history: History, campaign: CampaignInfo | None = None, **kw) -> int:
    return history.record_sent(
        REQUEST, campaign or info(), lists=LISTS, time_zone="Europe/Kyiv", server="https://api.test", **kw
    )


def raw_sql(path: Path, sql: str, params=()) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


# Recording -----------------------------------------------------------------------------------------


def test_a_send_is_recorded_with_everything_needed_to_follow_it(history, clock):
    record_id = record(history)
    [saved] = history.records()
    assert saved.record_id == record_id
    assert saved.origin == ORIGIN_LOCAL
    assert saved.request == REQUEST
    assert saved.campaign is not None and saved.campaign["calculated_price"] == 12.5
    assert saved.campaign_id == 501
    assert saved.status == "creation"
    assert saved.sent_at == "2025-03-01T10:00:00+00:00"
    assert saved.sent_by == "maria"
    assert saved.time_zone == "Europe/Kyiv"
    assert saved.list_names == {11: "VIP customers", 12: "Kyiv store"}
    assert saved.contacts == 1590
    assert (saved.price, saved.currency) == (12.5, "USD")
    assert saved.start_at == "2025-03-01 10:00:00"
    assert saved.refreshed_at == "2025-03-01T10:00:00+00:00"
    assert saved.demo is False and saved.is_active and not saved.outcome_unknown
    json.dumps(saved.to_json())  # the command line prints it


def test_records_are_newest_first_and_limited(history, clock):
    first = record(history, info(1))
    clock.advance(minutes=5)
    second = record(history, info(2))
    clock.advance(minutes=5)
    third = history.record_unknown_outcome(REQUEST, lists=LISTS, time_zone="UTC", server="https://api.test")
    assert [r.record_id for r in history.records()] == [third, second, first]
    assert [r.record_id for r in history.records(limit=2)] == [third, second]
    assert history.record(second).campaign_id == 2
    assert history.record(9999) is None


def test_the_user_name_defaults_to_the_computers_user(tmp_path, monkeypatch):
    monkeypatch.setattr("getpass.getuser", lambda: "olena")
    history = History(tmp_path / "h.sqlite3")
    assert history.record(record(history)).sent_by == "olena"


def test_a_missing_user_name_does_not_stop_recording(tmp_path, monkeypatch):
    def fail():
        raise OSError("no user")

    monkeypatch.setattr("getpass.getuser", fail)
    history = History(tmp_path / "h.sqlite3")
    assert history.record(record(history)).sent_by is None


def test_status_updates_progress_and_say_whether_anything_changed(history, clock):
    record_id = record(history)
    clock.advance(seconds=30)
    sending = CampaignInfo.from_raw(
        {
            "id": 501,
            "status": "sending",
            "statistics": {"delivered": 40, "sent": 90},
            "real_start_at": "2025-03-01 10:00:05",
            "calculated_price": None,
        }
    )
    assert history.update_status(record_id, sending) is True
    assert history.update_status(record_id, sending) is False
    saved = history.record(record_id)
    assert (saved.status, saved.delivered, saved.sent) == ("sending", 40, 90)
    assert saved.real_start_at == "2025-03-01 10:00:05"
    assert saved.price == 12.5, "a later answer without a price keeps the estimate"
    assert saved.refreshed_at == "2025-03-01T10:00:30+00:00"
    assert saved.latest == sending.raw
    assert saved.request == REQUEST

    done = CampaignDetail.from_raw(
        {
            "id": 501,
            "status": "done",
            "total_price": "9.8700000",
            "finished_at": "2025-03-01 10:02:00",
            "statistics": {"delivered": 80, "sent": 100, "read": 50, "failed": 3},
            "alternative_channels": {"sms": {"statistics": {"delivered": 15, "sent": 17}}},
        }
    )
    assert history.update_status(record_id, done) is True
    saved = history.record(record_id)
    assert (saved.status, saved.delivered, saved.sent, saved.read, saved.failed) == ("done", 80, 100, 50, 3)
    assert (saved.sms_delivered, saved.sms_sent, saved.total_price) == (15, 17, "9.8700000")
    assert saved.price == 12.5, "the cost so far is total_price; price stays the estimate"
    assert not saved.is_active
    assert history.active_records() == []


def test_active_records_are_those_that_may_still_change(history, clock):
    ids = {}
    for number, status in enumerate(
        ["creation", "scheduled", "sending", "paused", "moderation", "done", "stopped", "spam"], start=1
    ):
        ids[status] = record(history, info(number, status=status))
    history.record_unknown_outcome(REQUEST, lists=LISTS, time_zone="UTC", server="https://api.test")
    other = history.record_sent(REQUEST, info(77, status="sending"), lists={}, time_zone="UTC", server="other")
    active = {r.record_id for r in history.active_records(server="https://api.test")}
    assert active == {ids[s] for s in ("creation", "scheduled", "sending", "paused", "moderation")}
    assert other in {r.record_id for r in history.active_records()}


def test_refresh_problem_is_kept_until_the_next_good_answer(history):
    record_id = record(history)
    history.set_refresh_problem(record_id, "The item was not found on the server.")
    assert history.record(record_id).refresh_problem == "The item was not found on the server."
    history.update_status(record_id, info(status="sending"))
    assert history.record(record_id).refresh_problem is None


def test_lists_go_with_their_record(history):
    record_id = record(history)
    history.remove(record_id)
    assert history.records() == []
    assert raw_sql(history.path, "SELECT COUNT(*) FROM record_lists") == [(0,)]


def test_writes_from_many_threads_all_land(history):
    errors: list[BaseException] = []

    def write(start: int) -> None:
        try:
            for number in range(start, start + 10):
                record(history, info(number))
        except BaseException as exc:  # noqa: BLE001  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n * 100,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    assert len(history.records()) == 40


# Campaigns from the web account ---------------------------------------------------------------------


def test_web_account_campaigns_are_added_and_marked(history):
    ours = record(history)
    added = history.merge_remote(
        [
            info(501, status="sending", statistics={"delivered": 5, "sent": 9}),
            info(700, name="Made on the web", created_at="2025-02-20 12:00:00", status="done"),
            info(701, message_type="sms"),
        ],
        server="https://api.test",
        time_zone="Europe/Kyiv",
    )
    assert added == 1
    records = history.records()
    web = [r for r in records if r.origin == ORIGIN_WEB]
    assert [(r.campaign_id, r.name, r.request) for r in web] == [(700, "Made on the web", None)]
    assert web[0].sent_at == "2025-02-20T10:00:00+00:00"  # 12:00 in Kyiv (UTC+2 in February)
    mine = history.record(ours)
    assert mine.origin == ORIGIN_LOCAL and mine.request == REQUEST, "our own request is never replaced"
    assert (mine.status, mine.delivered) == ("sending", 5)
    assert [r.record_id for r in history.records(include_web=False)] == [ours]
    assert history.merge_remote([info(700, status="done")], server="https://api.test", time_zone="UTC") == 0
    assert len(history.records()) == 2


def test_a_send_recorded_after_its_web_copy_takes_the_copys_place(history):
    history.merge_remote([info(900)], server="https://api.test", time_zone="UTC")
    record_id = record(history, info(900))
    [only] = history.records()
    assert (only.record_id, only.origin, only.request) == (record_id, ORIGIN_LOCAL, REQUEST)


# Unknown outcomes -----------------------------------------------------------------------------------


def test_an_unknown_outcome_is_recorded_with_its_request(history):
    record_id = history.record_unknown_outcome(REQUEST, lists=LISTS, time_zone="UTC", server="https://api.test")
    saved = history.record(record_id)
    assert saved.status == STATUS_UNKNOWN_OUTCOME and saved.outcome_unknown
    assert saved.campaign_id is None and saved.campaign is None
    assert saved.request == REQUEST and saved.sender == "WWT Shop"
    assert saved.list_names == {11: "VIP customers", 12: "Kyiv store"}
    assert not saved.is_active
    assert [r.record_id for r in history.unknown_outcomes()] == [record_id]


@pytest.mark.parametrize(
    ("created_at", "sender", "message_type", "matches"),
    [
        ("2025-03-01 12:00:03", "WWT Shop", "rcs", True),  # 3 s after the attempt (Kyiv = UTC+2)
        ("2025-03-01 12:04:59", "wwt shop", "rcs", True),  # sender compared without case
        ("2025-03-01 11:58:30", "WWT Shop", None, True),  # computer clock a little ahead of the server's
        ("2025-03-01 12:05:30", "WWT Shop", "rcs", False),  # too late to be this send
        ("2025-03-01 11:57:00", "WWT Shop", "rcs", False),  # before the attempt
        ("2025-03-01 12:00:03", "Other agent", "rcs", False),
        ("2025-03-01 12:00:03", "WWT Shop", "sms", False),
        ("not a time", "WWT Shop", "rcs", False),
    ],
)
def test_matching_an_unknown_outcome(history, created_at, sender, message_type, matches):
    record_id = history.record_unknown_outcome(REQUEST, lists={}, time_zone="Europe/Kyiv", server="s")
    candidate = info(42, created_at=created_at, sender=sender, message_type=message_type)
    found = match_candidates(history.record(record_id), [candidate])
    assert found == ([candidate] if matches else [])


def test_matching_prefers_the_closest_campaign_and_skips_taken_ones(history):
    record_id = history.record_unknown_outcome(REQUEST, lists={}, time_zone="UTC", server="s")
    far = info(1, created_at="2025-03-01 10:03:00")
    near = info(2, created_at="2025-03-01 10:00:04")
    saved = history.record(record_id)
    assert match_candidates(saved, [far, near]) == [near, far]
    assert match_candidates(saved, [far, near], taken={2}) == [far]


class FakeClient:
    """The campaign calls of WwtClient, answering from dictionaries."""

    def __init__(self, campaigns: list[CampaignInfo], fail: dict[int, Exception] | None = None) -> None:
        self.campaigns = {c.id: c for c in campaigns}
        self.fail = fail or {}
        self.calls: list[tuple] = []

    def get_campaign(self, campaign_id: int) -> CampaignInfo:
        self.calls.append(("get", campaign_id))
        if campaign_id in self.fail:
            raise self.fail[campaign_id]
        return self.campaigns[campaign_id]

    def get_campaign_detail(self, campaign_id: int) -> CampaignInfo:
        self.calls.append(("detail", campaign_id))
        return self.campaigns[campaign_id]

    def list_campaigns(self, offset: int = 0, limit: int = 30) -> list[CampaignInfo]:
        self.calls.append(("list", offset, limit))
        return list(self.campaigns.values())


def test_looking_for_an_unknown_outcome_attaches_the_campaign_found(history):
    record_id = history.record_unknown_outcome(REQUEST, lists=LISTS, time_zone="UTC", server="https://api.test")
    found = info(321, created_at="2025-03-01 10:00:01", status="scheduled")
    history.merge_remote([found], server="https://api.test", time_zone="UTC")  # seen on the web first
    client = FakeClient([info(5, created_at="2025-02-01 09:00:00"), found])
    assert look_for_unknown_outcome(history, record_id, client) == found
    [only] = history.records()
    assert (only.record_id, only.campaign_id, only.status, only.origin) == (record_id, 321, "scheduled", ORIGIN_LOCAL)
    assert only.request == REQUEST and only.campaign == found.raw
    assert look_for_unknown_outcome(history, record_id, client) is None, "already resolved"


def test_a_campaign_already_linked_to_another_send_is_not_taken(history):
    taken = info(321, created_at="2025-03-01 10:00:01")
    record(history, taken)
    record_id = history.record_unknown_outcome(REQUEST, lists={}, time_zone="UTC", server="https://api.test")
    assert look_for_unknown_outcome(history, record_id, FakeClient([taken])) is None
    assert history.record(record_id).outcome_unknown
    with pytest.raises(HistoryError):
        history.attach_campaign(record_id, taken)


def test_refresh_updates_active_campaigns_and_finds_unknown_outcomes(history):
    moving = record(history, info(1))
    finished = record(history, info(2, status="done"))
    gone = record(history, info(3))
    unknown = history.record_unknown_outcome(REQUEST, lists={}, time_zone="UTC", server="https://api.test")
    client = FakeClient(
        [info(1, status="sending"), info(2, status="done"), info(4, created_at="2025-03-01 10:00:02")],
        fail={3: api.NotFound()},
    )
    result = refresh_statuses(history, client, server="https://api.test")
    assert ("get", 2) not in client.calls, "finished campaigns are not asked about"
    assert history.record(moving).status == "sending"
    assert history.record(finished).status == "done"
    assert history.record(gone).status == "creation" and history.record(gone).refresh_problem
    assert result.problems == {gone: api.NotFound().user_message}
    assert history.record(unknown).campaign_id == 4
    assert result.found[unknown].id == 4
    assert result.refreshed == 1 and result.changed == 2


def test_refresh_lets_a_connection_failure_through(history):
    record(history, info(1))
    with pytest.raises(api.CannotReachServer):
        refresh_statuses(history, FakeClient([], fail={1: api.CannotReachServer()}), server="https://api.test")


# Demo history ---------------------------------------------------------------------------------------


def test_the_demo_history_is_a_separate_file():
    with open_history(demo=True) as demo:
        record(demo)
        assert demo.records()[0].demo is True
    with open_history() as real:
        assert real.records() == []
    paths = app_paths()
    assert paths.demo_history_db != paths.history_db
    assert paths.demo_history_db.exists() and paths.history_db.exists()


# Database settings and migrations -------------------------------------------------------------------


def test_the_database_uses_a_write_ahead_log_and_the_latest_schema(history):
    assert raw_sql(history.path, "PRAGMA journal_mode") == [("wal",)]
    assert raw_sql(history.path, "PRAGMA user_version") == [(migrations.latest_version(),)]
    conn = db.connect(history.path)
    try:
        assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert conn.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
    finally:
        conn.close()


def test_an_empty_file_becomes_a_history(tmp_path):
    path = tmp_path / "history.sqlite3"
    path.write_bytes(b"")
    history = History(path)
    assert history.recovered_from_corruption is None
    record(history)
    assert len(history.records()) == 1


# The schema exactly as version 1 created it: a file written by the first release must keep opening.
V1_SCHEMA = """
CREATE TABLE records (id INTEGER PRIMARY KEY AUTOINCREMENT,
    origin TEXT NOT NULL CHECK (origin IN ('this computer', 'web account')), server TEXT NOT NULL,
    campaign_id INTEGER, name TEXT, sender TEXT, status TEXT NOT NULL, sent_at TEXT NOT NULL, sent_by TEXT,
    time_zone TEXT, request_json TEXT, campaign_json TEXT, latest_json TEXT, delivered INTEGER, sent INTEGER,
    read INTEGER, failed INTEGER, sms_delivered INTEGER, sms_sent INTEGER, price REAL, currency TEXT,
    total_price TEXT, start_at TEXT, real_start_at TEXT, finished_at TEXT, refreshed_at TEXT, refresh_problem TEXT);
CREATE UNIQUE INDEX records_campaign ON records (server, campaign_id) WHERE campaign_id IS NOT NULL;
CREATE INDEX records_sent_at ON records (sent_at);
CREATE TABLE record_lists (record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    list_id INTEGER NOT NULL, name TEXT, contacts INTEGER, PRIMARY KEY (record_id, list_id));
INSERT INTO records (origin, server, campaign_id, name, sender, status, sent_at, sent_by, time_zone, request_json,
    campaign_json, delivered, sent, price, currency)
    VALUES ('this computer', 'https://api.test', 77, 'Old one', 'WWT Shop', 'done', '2025-01-05T08:00:00+00:00',
    'maria', 'UTC', '{"groups": [11], "sender": "WWT Shop", "options": {"text": "Hi"}}', '{"id": 77}',
    10, 12, 0.5, 'USD');
INSERT INTO record_lists VALUES (1, 11, 'VIP customers', 240);
PRAGMA user_version = 1;
"""


def make_v1_file(path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.executescript(V1_SCHEMA)
    finally:
        conn.close()


def test_a_version_1_file_opens_with_its_records(tmp_path):
    path = tmp_path / "history.sqlite3"
    make_v1_file(path)
    history = History(path)
    [old] = history.records()
    assert (old.campaign_id, old.name, old.status, old.delivered, old.sent) == (77, "Old one", "done", 10, 12)
    assert old.request == {"groups": [11], "sender": "WWT Shop", "options": {"text": "Hi"}}
    assert old.list_names == {11: "VIP customers"}
    record(history)
    assert len(history.records()) == 2


def test_a_new_migration_runs_once_and_keeps_the_data(tmp_path, monkeypatch):
    path = tmp_path / "history.sqlite3"
    make_v1_file(path)
    runs = []

    def v2(conn: sqlite3.Connection) -> None:
        runs.append(1)
        conn.execute("ALTER TABLE records ADD COLUMN note TEXT")

    newest = migrations.latest_version() + 1
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, v2])
    History(path)
    History(path)
    assert runs == [1]
    assert raw_sql(path, "PRAGMA user_version") == [(newest,)]
    assert raw_sql(path, "SELECT name, note FROM records") == [("Old one", None)]


def test_a_failing_migration_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    path = tmp_path / "history.sqlite3"
    make_v1_file(path)

    def broken_v2(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE records ADD COLUMN note TEXT")
        raise RuntimeError("bug in the migration")

    released = migrations.latest_version()
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, broken_v2])
    with pytest.raises(HistoryError) as caught:
        History(path)
    assert "could not be updated" in str(caught.value) and "bug in the migration" in caught.value.details
    assert raw_sql(path, "PRAGMA user_version") == [(released,)]  # the released migrations ran, not the broken one
    assert "note" not in [row[1] for row in raw_sql(path, "PRAGMA table_info(records)")]
    monkeypatch.undo()
    assert History(path).records()[0].name == "Old one"


def test_a_file_from_a_newer_version_is_read_but_never_changed(tmp_path):
    path = tmp_path / "history.sqlite3"
    make_v1_file(path)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA user_version = 99")
    finally:
        conn.close()
    before = path.read_bytes()
    history = History(path)
    assert history.read_only_reason and "newer version" in history.read_only_reason
    assert history.recovered_from_corruption is None
    assert [r.name for r in history.records()] == ["Old one"]
    with pytest.raises(NewerHistory):
        record(history)
    assert path.read_bytes() == before


# Damaged files --------------------------------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_moved_aside(tmp_path, clock):
    path = tmp_path / "history.sqlite3"
    junk = b"This is a shopping list, not a database.\n" * 200
    path.write_bytes(junk)
    history = History(path, clock=clock)
    aside = tmp_path / "history.sqlite3.corrupt-20250301-100000"
    assert history.recovered_from_corruption is not None
    assert str(aside) in history.recovered_from_corruption
    assert "{" not in history.recovered_from_corruption and "SQLITE" not in history.recovered_from_corruption
    assert aside.read_bytes() == junk
    assert history.records() == []
    record(history)
    assert len(history.records()) == 1


def test_a_database_with_damaged_pages_is_moved_aside(tmp_path, clock):
    path = tmp_path / "history.sqlite3"
    history = History(path, clock=clock)
    for number in range(60):
        record(history, info(number))
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 4 * page
    data[2 * page : 4 * page] = b"\xa5" * (2 * page)  # scribble over table pages, keep the header
    path.write_bytes(bytes(data))
    again = History(path, clock=clock)
    assert again.recovered_from_corruption is not None
    assert (tmp_path / "history.sqlite3.corrupt-20250301-100000").exists()
    assert again.records() == []


def test_damage_found_while_running_moves_the_file_aside_and_keeps_the_new_record(tmp_path, clock):
    path = tmp_path / "history.sqlite3"
    history = History(path, clock=clock)
    record(history, info(1))
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"garbage" * 1000)
    record_id = record(history, info(2))
    assert history.recovered_from_corruption is not None
    assert [r.record_id for r in history.records()] == [record_id]


# A kill in the middle of writing ----------------------------------------------------------------------

WRITER = """
import sys
from app.api.models import CampaignInfo
from app.campaign.file import ListInfo
from app.history import History

history = History(sys.argv[1])
number = 0
while True:
    number += 1
    request = {"groups": [number], "sender": "WWT Shop", "options": {"text": "x" * 3000 + str(number)}}
    campaign = CampaignInfo.from_raw({"id": number, "status": "sending", "statistics": {"delivered": 0, "sent": 0}})
    record_id = history.record_sent(request, campaign, lists={number: ListInfo("list %d" % number, number)},
                                    time_zone="UTC", server="s")
    history.update_status(record_id, CampaignInfo.from_raw({"id": number, "status": "done",
                                                            "statistics": {"delivered": number, "sent": number}}))
    print(record_id, number, flush=True)
"""


@pytest.mark.slow
@pytest.mark.skipif(os.name == "nt", reason="SIGKILL does not exist on Windows")
def test_a_kill_in_the_middle_of_writing_loses_no_committed_record(tmp_path):
    path = tmp_path / "history.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, cwd=ROOT, env=env)
    try:
        lines = read_lines_until(proc, 25, timeout=30)
        os.kill(proc.pid, signal.SIGKILL)
        rest = proc.stdout.read().decode()
    finally:
        proc.kill()
        proc.wait(timeout=10)
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    committed = [line.split() for line in (lines + rest.split("\n")) if line.count(" ") == 1]
    assert len(committed) >= 25
    history = History(path)
    assert history.recovered_from_corruption is None
    assert raw_sql(path, "PRAGMA integrity_check") == [("ok",)]
    saved = {r.record_id: r for r in history.records()}
    for record_id, number in committed:
        entry = saved[int(record_id)]
        assert entry.campaign_id == int(number)
        assert entry.status == "done" and entry.delivered == int(number)
        assert entry.request["options"]["text"] == "x" * 3000 + number
        assert entry.list_names == {int(number): f"list {number}"}
    assert len(saved) in (len(committed), len(committed) + 1)  # the last one may be committed but not printed
