"""Settings and data survive damage (issue 8, parts 5, 7 and 8), without Qt.

A settings file with any bytes in it is moved aside and named; folders the program cannot write
to never stop it; the history and data folders are private to the user; a damaged, locked or full
history is explained without suggesting a second send; the history keeps a capped copy of answers.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from app.api.models import CampaignDetail, CampaignInfo
from app.campaign.file import ListInfo, load_campaign_file
from app.cli import main
from app.history import History, HistoryError, db, migrations
from app.history import records as history_records
from app.platform import config
from app.platform.recovery import RecoveryStore
from helpers.settings_damage import DAMAGE, damage_settings

ROOT = Path(__file__).resolve().parents[3]
HELLO = ROOT / "examples" / "hello-text.rcs.json"
POSIX = os.name == "posix"


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _moved(paths: config.AppPaths) -> list[Path]:
    return sorted(paths.config_dir.glob("settings.damaged-*.json"))


@pytest.mark.parametrize("case", list(DAMAGE))
def test_damaged_settings_are_moved_aside_named_and_defaults_used(case):
    paths = config.app_paths()
    damage_settings(paths.settings_file, case)
    loaded = config.load_settings()
    assert loaded == config.Settings()
    assert loaded.account_time_zone == config.local_time_zone_name()
    [aside] = _moved(paths)
    assert not os.path.lexists(paths.settings_file)
    assert loaded.load_problem is not None and str(aside) in loaded.load_problem
    assert "Traceback" not in loaded.load_problem and "Error" not in loaded.load_problem
    if DAMAGE[case] is not None:
        assert aside.read_bytes() == DAMAGE[case]
    config.save_settings(loaded)  # and the program can carry on saving its settings
    assert config.load_settings().load_problem is None


@pytest.mark.parametrize("case", list(DAMAGE))
def test_a_command_runs_with_damaged_settings_and_names_the_moved_file_once(case, capsys):
    paths = config.app_paths()
    damage_settings(paths.settings_file, case)
    assert main(["validate", str(HELLO)]) == 0
    captured = capsys.readouterr()
    [aside] = _moved(paths)
    assert captured.err.count(aside.name) == 1, captured.err
    assert "Traceback" not in captured.err
    assert "No problems found in the file." in captured.out


def test_settings_with_fields_of_the_wrong_type_are_not_moved_and_keep_the_values():
    paths = config.app_paths()
    _write(paths.settings_file, json.dumps({"time_zone": 5, "recent_senders": "A", "default_validity": 10**9}).encode())
    loaded = config.load_settings()
    assert loaded.load_problem is None and _moved(paths) == []
    assert (loaded.time_zone, loaded.recent_senders, loaded.default_validity) == ("", [], 72)
    assert loaded.extra == {"time_zone": 5, "recent_senders": "A", "default_validity": 10**9}
    assert loaded.account_time_zone == config.local_time_zone_name()


def test_a_second_damaged_file_never_replaces_the_first_one_moved_aside():
    paths = config.app_paths()
    _write(paths.settings_file, b"{first")
    first = config.load_settings().load_problem
    _write(paths.settings_file, b"{second")
    second = config.load_settings().load_problem
    moved = _moved(paths)
    assert len(moved) == 2 and first != second
    assert sorted(path.read_bytes() for path in moved) == [b"{first", b"{second"]


def test_a_settings_file_that_cannot_be_read_is_moved_aside(monkeypatch):
    paths = config.app_paths()
    _write(paths.settings_file, b"{}")
    real_open = open

    def refusing_open(file, *args, **kwargs):  # as root, permissions do not stop reading: simulate it
        if Path(file) == paths.settings_file:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    loaded = config.load_settings()
    assert loaded == config.Settings()
    assert "permission denied" in loaded.load_problem and str(_moved(paths)[0]) in loaded.load_problem


def test_an_unknown_but_well_formed_time_zone_is_not_damage():
    paths = config.app_paths()
    _write(paths.settings_file, json.dumps({"time_zone": "Mars/Olympus_Mons"}).encode())
    loaded = config.load_settings()
    assert loaded.load_problem is None and loaded.time_zone == "Mars/Olympus_Mons"
    assert loaded.account_time_zone == config.local_time_zone_name()
    assert config.Settings(time_zone="x" * 300).account_time_zone == config.local_time_zone_name()


def test_the_settings_folder_being_a_file_gives_defaults_and_a_message():
    paths = config.app_paths()
    _write(paths.config_dir, b"not a folder")
    loaded = config.load_settings()
    assert loaded == config.Settings()
    assert str(paths.config_dir) in loaded.load_problem


@pytest.mark.parametrize("where", ["settings folder is a file", "settings file is a folder"])
def test_saving_settings_where_it_cannot_be_done_raises_a_plain_settings_error(where):
    paths = config.app_paths()
    if where == "settings folder is a file":
        _write(paths.config_dir, b"not a folder")
    else:
        paths.settings_file.mkdir(parents=True)
    with pytest.raises(config.SettingsError) as caught:
        config.save_settings(config.Settings(time_zone="Europe/Kyiv"))
    assert not isinstance(caught.value, OSError)
    assert str(paths.settings_file) in str(caught.value)
    assert "Errno" not in str(caught.value) and caught.value.details


# Folders the program cannot write to ------------------------------------------------------------------


def test_a_recovery_store_whose_folder_cannot_be_made_starts_and_says_why(tmp_path):
    in_the_way = tmp_path / "data"
    in_the_way.write_bytes(b"a file where the data folder should be")
    store = RecoveryStore(in_the_way / "recovery")
    try:
        assert store.problem is not None and str(in_the_way / "recovery") in store.problem
        assert store.find_orphans() == []
        store.clear()
        with pytest.raises(OSError):  # noqa: PT011 - which OSError depends on the platform
            store.save(load_campaign_file(HELLO))
    finally:
        store.close()


# Private folders and files ---------------------------------------------------------------------------


@pytest.fixture
def open_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_history_files_and_folders_are_private_whatever_the_umask(open_umask):
    paths = config.app_paths()
    history = History(paths.history_db)
    keeper = sqlite3.connect(paths.history_db)  # keeps the log files in place after each call closes
    try:
        keeper.execute("SELECT COUNT(*) FROM records").fetchone()
        record(history)
        assert _mode(paths.data_dir) == 0o700
        assert _mode(paths.history_db) == 0o600
        for suffix in ("-wal", "-shm"):
            assert _mode(Path(f"{paths.history_db}{suffix}")) == 0o600, suffix
    finally:
        keeper.close()


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_a_history_left_readable_by_an_older_version_is_made_private(open_umask):
    paths = config.app_paths()
    paths.data_dir.mkdir(parents=True)
    os.chmod(paths.data_dir, 0o755)  # noqa: S103 - readable by others on purpose
    History(paths.history_db)
    os.chmod(paths.history_db, 0o644)
    History(paths.history_db)
    assert (_mode(paths.data_dir), _mode(paths.history_db)) == (0o700, 0o600)


@pytest.mark.skipif(not POSIX, reason="POSIX permissions")
def test_recovery_files_and_settings_are_private_whatever_the_umask(open_umask):
    paths = config.app_paths()
    store = RecoveryStore(paths.recovery_dir)
    try:
        store.save(load_campaign_file(HELLO))
        assert _mode(paths.data_dir) == 0o700 and _mode(paths.recovery_dir) == 0o700
        assert _mode(store.path) == 0o600 and _mode(store.path.with_suffix(".lock")) == 0o600
    finally:
        store.close()
    config.save_settings(config.Settings())
    assert (_mode(paths.config_dir), _mode(paths.settings_file)) == (0o700, 0o600)


# The history: locked, full, damaged, answers too large --------------------------------------------------


def record(history: History, raw: dict | None = None, request: dict | None = None) -> int:
    info = CampaignInfo.from_raw(raw or {"id": 1, "status": "sending"})
    return history.record_sent(
        request or {"groups": [1], "sender": "WWT Shop", "options": {"text": "Hi"}},
        info,
        lists={1: ListInfo("VIP", 10)},
        time_zone="UTC",
        server="https://api.test",
    )


def test_the_history_waits_for_a_busy_file_30_seconds_by_default(tmp_path):
    assert db.BUSY_TIMEOUT_S >= 30
    conn = db.connect(tmp_path / "history.sqlite3")
    try:
        assert conn.execute("PRAGMA busy_timeout").fetchone() == (int(db.BUSY_TIMEOUT_S * 1000),)
    finally:
        conn.close()


def test_a_history_still_locked_after_the_wait_never_suggests_sending_again(tmp_path, monkeypatch):
    path = tmp_path / "history.sqlite3"
    history = History(path)
    monkeypatch.setattr(db, "BUSY_TIMEOUT_S", 0.2)
    blocker = sqlite3.connect(path, isolation_level=None)
    try:
        blocker.execute("BEGIN EXCLUSIVE")
        with pytest.raises(HistoryError) as caught:
            record(history)
    finally:
        blocker.close()
    message = str(caught.value)
    assert "busy" in message and "could not be written" in message and "not affected" in message
    assert "again" not in message.lower() and "moment" not in message.lower()
    assert history.recovered_from_corruption is None  # busy is not damage: nothing was moved aside
    assert history.records() == []
    record(history)  # once it is free, writing works
    assert len(history.records()) == 1


def _full_error_on_next_write(conn: sqlite3.Connection) -> None:
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite then fails writes with SQLITE_FULL, as a full disk


def test_a_full_disk_while_recording_says_the_disk_is_full(tmp_path, monkeypatch):
    path = tmp_path / "history.sqlite3"
    history = History(path)
    real_connect = db.connect

    def connect_to_a_full_disk(where: Path) -> sqlite3.Connection:
        conn = real_connect(where)
        _full_error_on_next_write(conn)
        return conn

    monkeypatch.setattr(db, "connect", connect_to_a_full_disk)
    with pytest.raises(HistoryError) as caught:
        record(history, request={"groups": [1], "sender": "WWT Shop", "options": {"text": "x" * 100_000}})
    message = str(caught.value)
    assert "disk is full" in message and "not affected" in message
    assert "again" not in message.lower()


def test_a_full_disk_during_an_update_of_the_schema_says_the_disk_is_full(tmp_path, monkeypatch):
    path = tmp_path / "history.sqlite3"
    History(path)

    def v2_on_a_full_disk(conn: sqlite3.Connection) -> None:
        _full_error_on_next_write(conn)
        conn.execute("CREATE TABLE notes (text TEXT)")
        conn.execute("INSERT INTO notes VALUES (?)", ("x" * 100_000,))

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, v2_on_a_full_disk])
    with pytest.raises(HistoryError) as caught:
        History(path)
    message = str(caught.value)
    assert "disk is full" in message and "SQLITE_FULL" in caught.value.details
    assert "for this version" not in message and "again" not in message.lower()


def _history_bytes(path: Path) -> int:
    return sum(os.path.getsize(f) for f in (path, Path(f"{path}-wal")) if f.exists())


def test_a_huge_answer_is_kept_as_a_capped_copy(tmp_path):
    path = tmp_path / "history.sqlite3"
    history = History(path)
    before = _history_bytes(path)
    huge = {
        "id": 41,
        "name": "Spring",
        "status": "sending",
        "calculated_price": 1.5,
        "currency": "USD",
        "statistics": {"delivered": 3, "sent": 4},
        "alternative_channels": {"sms": {"statistics": {"sent": 2}}},
        "padding": "x" * 5_000_000,
    }
    record_id = record(history, huge)
    history.update_status(record_id, CampaignDetail.from_raw({**huge, "status": "done", "total_messages": 9}))
    history.merge_remote([CampaignInfo.from_raw({**huge, "id": 42})], server="https://api.test", time_zone="UTC")
    assert _history_bytes(path) - before < 1_000_000
    [web, mine] = sorted(history.records(), key=lambda r: r.campaign_id)[::-1]
    assert mine.campaign["id"] == 41 and "padding" not in mine.campaign
    note = history_records.SHORTENED_NOTE_KEY
    assert note in mine.campaign and note in mine.latest
    assert CampaignInfo.from_raw(mine.campaign).sms_sent == 2
    assert CampaignDetail.from_raw(mine.latest).total_messages == 9
    assert (mine.status, mine.delivered, mine.sent, mine.price, mine.currency) == ("done", 3, 4, 1.5, "USD")
    assert web.campaign_id == 42 and "padding" not in web.campaign
    ordinary = {
        "id": 7,
        "status": "sending",
        "future_field": {"a": [1, 2, 3]},
        "text": "y" * (history_records.ANSWER_MAX_CHARS // 2),
    }
    kept_id = record(history, ordinary)
    assert history.record(kept_id).campaign == ordinary  # an answer of ordinary size is kept whole
