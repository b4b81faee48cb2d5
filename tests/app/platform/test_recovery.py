"""Autosave and crash recovery: per-window files, orphans of windows that died, damaged files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.campaign.file import CampaignDocument, ListInfo, document_from_json
from app.campaign.model import Campaign
from app.platform.process_lock import FileLock, pid_alive
from app.platform.recovery import RecoveryStore
from helpers.child_output import read_line

ROOT = Path(__file__).resolve().parents[3]
SAVED_AT = datetime(2025, 3, 1, 10, 15, 30, tzinfo=UTC)
TYPED = "Привіт! Spring sale -30% 🎉 until Sunday"


def document(text: str = TYPED) -> CampaignDocument:
    return CampaignDocument(
        campaign=Campaign.from_request({"groups": [11], "sender": "WWT Shop", "options": {"text": text}}),
        time_zone="Europe/Kyiv",
        lists={11: ListInfo("VIP customers", 240)},
    )


@pytest.fixture
def folder(tmp_path) -> Path:
    return tmp_path / "recovery"


@pytest.fixture
def stores(folder):
    """Makes stores (like separate windows) and closes them all at the end."""
    made: list[RecoveryStore] = []

    def make(**kw) -> RecoveryStore:
        store = RecoveryStore(folder, clock=lambda: SAVED_AT, **kw)
        made.append(store)
        return store

    yield make
    for store in made:
        store.close(keep=True)


def test_a_save_is_one_atomic_file_per_window(stores, folder):
    first, second = stores(), stores()
    assert first.save(document("first window")) == SAVED_AT
    second.save(document("second window"), source_path=Path("/drafts/b.rcs.json"))
    assert first.path != second.path
    one = json.loads(first.path.read_text(encoding="utf-8"))
    two = json.loads(second.path.read_text(encoding="utf-8"))
    assert one["campaign"]["request"]["options"]["text"] == "first window"
    assert two["campaign"]["request"]["options"]["text"] == "second window"
    assert one["saved_at"] == "2025-03-01T10:15:30+00:00" and one["pid"] == os.getpid()
    assert one["source_path"] is None and two["source_path"] == str(Path("/drafts/b.rcs.json"))
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []


def test_a_running_windows_autosave_is_not_offered(stores):
    running = stores()
    running.save(document())
    assert stores().find_orphans() == []


def test_a_closed_window_that_kept_its_file_is_offered_back(stores):
    old = stores()
    old.save(document(), source_path=Path("/drafts/sale.rcs.json"))
    old.close(keep=True)
    [entry] = stores().find_orphans()
    assert entry.document == document()
    assert entry.saved_at == SAVED_AT
    assert entry.source_path == Path("/drafts/sale.rcs.json")
    assert entry.pid == os.getpid()


def test_a_clean_exit_or_a_save_leaves_nothing(stores, folder):
    store = stores()
    store.save(document())
    store.clear()
    assert not store.path.exists()
    store.save(document())
    store.close()
    assert list(folder.iterdir()) == []
    assert stores().find_orphans() == []


def test_an_orphan_is_offered_to_one_window_at_a_time(stores):
    old = stores()
    old.save(document())
    old.close(keep=True)
    first, second = stores(), stores()
    [entry] = first.find_orphans()
    assert second.find_orphans() == [], "claimed by the first window"
    first.release(entry)
    [again] = second.find_orphans()
    assert again.document == document()


def test_restoring_an_orphan_makes_it_this_windows_autosave(stores, folder):
    old = stores()
    old.save(document(), source_path="/drafts/x.rcs.json")
    old.close(keep=True)
    window = stores()
    [entry] = window.find_orphans()
    restored = window.adopt(entry)
    assert restored == document()
    assert not entry.path.exists() and not entry.path.with_suffix(".lock").exists()
    data = json.loads(window.path.read_text(encoding="utf-8"))
    assert document_from_json(data["campaign"], default_time_zone="UTC") == document()
    assert data["source_path"] == "/drafts/x.rcs.json"
    assert sorted(p.name for p in folder.iterdir()) == sorted([window.path.name, window.path.with_suffix(".lock").name])


def test_discarding_an_orphan_removes_it_for_good(stores, folder):
    old = stores()
    old.save(document())
    old.close(keep=True)
    window = stores()
    [entry] = window.find_orphans()
    window.discard(entry)
    assert sorted(p.name for p in folder.iterdir()) == [window.path.with_suffix(".lock").name]
    assert stores().find_orphans() == []


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01 half a file",
        b'{"format": "rcs-desk.recovery", "version": 1, "saved_at": "2025-03-01T10:00:00+00:00"',
        b'{"hello": "world"}',
        b'{"format": "rcs-desk.recovery", "version": 1, "saved_at": "yesterday", "campaign": {}}',
        b'{"format": "rcs-desk.recovery", "version": 1, "saved_at": "2025-03-01T10:00:00+00:00", "campaign": {"x": 1}}',
    ],
)
def test_a_damaged_file_is_moved_aside_and_reported(stores, folder, content):
    folder.mkdir(parents=True, exist_ok=True)
    damaged = folder / "session-12345-deadbeef.json"
    damaged.write_bytes(content)
    (folder / "session-12345-deadbeef.lock").write_bytes(b"")  # its window is gone: nobody holds the lock
    window = stores()
    assert window.find_orphans() == []
    aside = folder / "session-12345-deadbeef.json.corrupt-20250301-101530"
    assert not damaged.exists() and aside.read_bytes() == content
    assert window.damaged == [
        f"An automatic copy of a campaign was damaged and could not be restored. It was moved to {aside}."
    ]
    assert stores().find_orphans() == [] and not (folder / "session-12345-deadbeef.lock").exists()


def test_a_file_from_a_newer_version_is_left_alone(stores, folder):
    folder.mkdir(parents=True, exist_ok=True)
    newer = folder / "session-12345-cafe.json"
    content = json.dumps({"format": "rcs-desk.recovery", "version": 7, "saved_at": "2025-03-01T10:00:00+00:00"})
    newer.write_text(content, encoding="utf-8")
    (folder / "session-12345-cafe.lock").write_bytes(b"")
    window = stores()
    assert window.find_orphans() == []
    assert newer.read_text(encoding="utf-8") == content
    assert "newer version" in window.damaged[0]


def test_without_a_lock_file_the_process_id_decides(stores, folder):
    folder.mkdir(parents=True, exist_ok=True)
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    dead_pid = int(finished.stdout)
    saved = stores()
    saved.save(document())
    data = saved.path.read_bytes()
    saved.close()
    (folder / f"session-{os.getpid()}-aaaa.json").write_bytes(data)
    (folder / f"session-{dead_pid}-bbbb.json").write_bytes(data)
    entries = stores().find_orphans()
    assert [e.path.name for e in entries] == [f"session-{dead_pid}-bbbb.json"]


def test_leftovers_of_a_window_that_never_saved_are_cleaned_up(stores, folder):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "session-999-abcd.lock").write_bytes(b"")
    (folder / ".session-999-abcd.json.x1y2.tmp").write_bytes(b"half")
    running = stores()
    running.find_orphans()
    assert sorted(p.name for p in folder.iterdir()) == [running.path.with_suffix(".lock").name]


def test_locks_and_process_ids(tmp_path):
    lock = FileLock.acquire(tmp_path / "a.lock")
    assert lock is not None and lock.held
    assert FileLock.acquire(tmp_path / "a.lock") is None, "a second lock on the same file is refused"
    assert FileLock.acquire(tmp_path / "missing.lock", create=False) is None
    lock.release(delete=True)
    lock.release()
    assert not (tmp_path / "a.lock").exists()
    assert pid_alive(os.getpid())
    assert not pid_alive(0) and not pid_alive(-5)


# A window killed while the user types ------------------------------------------------------------------

WINDOW = """
import sys
from pathlib import Path
from app.campaign.model import Campaign
from app.campaign.file import CampaignDocument, ListInfo
from app.platform.recovery import RecoveryStore

store = RecoveryStore(sys.argv[1])
text = sys.argv[2]
doc = CampaignDocument(
    campaign=Campaign.from_request({"groups": [11], "sender": "WWT Shop", "options": {"text": text}}),
    time_zone="Europe/Kyiv", lists={11: ListInfo("VIP customers", 240)})
saved_at = store.save(doc, source_path=Path("/drafts/sale.rcs.json"))
print(saved_at.isoformat(), flush=True)
sys.stdin.read()  # "typing" until killed
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL does not exist on Windows")
def test_after_a_kill_the_next_start_offers_exactly_what_was_typed(stores, folder):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen(
        [sys.executable, "-c", WINDOW, str(folder), TYPED],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
        env=env,
    )
    try:
        saved_at = datetime.fromisoformat(read_line(proc, timeout=30))
        assert stores().find_orphans() == [], "its window is still running"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        proc.kill()
        proc.wait(timeout=10)
        proc.stdin.close()
        proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    [entry] = stores().find_orphans()
    assert entry.document == document(TYPED)
    assert entry.document.campaign.options.text == TYPED
    assert entry.saved_at == saved_at
    assert entry.source_path == Path("/drafts/sale.rcs.json")
    assert entry.pid == proc.pid
