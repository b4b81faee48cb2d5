"""The kept demo account never waits for ever, never destroys a good file, and never overwrites
another program's account: a lock held too long, a file that cannot be read, a damaged file that
cannot be moved aside keep the account in memory for the run; an account replaced by another
program is taken over (issue 10 review, items 2, 3, 4, 7)."""

from __future__ import annotations

import errno
import logging
import threading
from datetime import datetime

import pytest
from test_sandbox_server import Api, FakeClock, card_body

from app.platform.process_lock import FileLock
from app.sandbox import saved_account, saved_state
from helpers.demo_account import START, account_path, saved_server
from helpers.lock_holder import lock_held_elsewhere


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def path(tmp_path):
    return account_path(tmp_path)


def in_thread(work, timeout: float = 20):
    """``work()``'s result; fails (instead of hanging the tests) when it has not ended in ``timeout``."""
    result: list = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)
    thread.start()
    thread.join(timeout)
    assert not thread.is_alive(), f"still waiting after {timeout} s"
    return result[0]


def kept_file(path, clock) -> tuple[bytes, int]:
    """A kept account with one campaign: the file's bytes and the campaign's ID."""
    server, _ = saved_server(path, clock)
    created = Api(server).send(card_body()).json()["data"]["id"]
    return path.read_bytes(), created


def refuse_to_open(monkeypatch, path, code: int = errno.EACCES) -> None:
    """Opening ``path`` fails as a file the user may not read would (tests run as root)."""
    real_open = open

    def fake_open(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(code, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(saved_account, "open", fake_open, raising=False)


# Item 2: the lock ---------------------------------------------------------------------------------


def test_a_lock_held_by_a_stopped_program_is_waited_for_a_while_then_the_account_is_kept_in_memory(
    path, clock, monkeypatch
):
    before, earlier = kept_file(path, clock)
    monkeypatch.setattr(saved_account, "LOCK_WAIT_S", 0.3)
    with lock_held_elsewhere(path.with_suffix(".lock")):
        server, account = in_thread(lambda: saved_server(path, clock))
        api = Api(server)
        assert api.get(f"/api/campaigns/{earlier}").status == 200, "the kept campaigns are still read"
        created = in_thread(lambda: api.send(card_body(sender="Other")).json()["data"]["id"])
        assert api.get(f"/api/campaigns/{created}").status == 200
        [problem] = account.take_problems()
        assert "another RCS Campaign Desk window or command" in problem and "more than 0.3 seconds" in problem
        assert "kept only until this window or command ends" in problem
        assert account.in_memory and path.read_bytes() == before
    api.send(card_body(sender="Third"))  # the lock is free again: this run still does not save
    assert path.read_bytes() == before and account.take_problems() == []


def test_a_lock_freed_within_the_wait_is_taken_and_the_account_saved(path, clock):
    server, account = saved_server(path, clock)
    other = FileLock.acquire(path.with_suffix(".lock"))  # a separate lock: as another program's
    assert other is not None
    freed = threading.Timer(0.2, other.release)
    freed.start()
    try:
        created = in_thread(lambda: Api(server).send(card_body()).json()["data"]["id"])
    finally:
        freed.join()
    assert not account.in_memory and account.take_problems() == []
    assert created in {c.id for c in saved_state.load(path.read_bytes(), server.zone).store.state()["campaigns"]}


def test_a_lock_file_that_cannot_be_opened_is_not_waited_for(path, clock, monkeypatch):
    path.with_suffix(".lock").mkdir(parents=True)  # a folder where the lock file should be

    def no_waiting(_seconds: float) -> None:
        raise AssertionError("waited for a lock nobody holds")

    monkeypatch.setattr(saved_account.time, "sleep", no_waiting)
    server, account = saved_server(path, clock)
    assert Api(server).send(card_body()).status == 200
    [problem] = account.take_problems()
    assert "Demo campaigns cannot be kept for later" in problem and "a folder is in the way" in problem
    assert account.in_memory and not path.exists()


# Item 3: a file that cannot be read is not damaged -------------------------------------------------


def test_a_file_that_cannot_be_read_is_left_as_it_is_and_the_account_kept_in_memory(path, clock, monkeypatch):
    before, earlier = kept_file(path, clock)
    refuse_to_open(monkeypatch, path)
    server, account = saved_server(path, clock)
    api = Api(server)
    assert api.send(card_body(sender="Other")).status == 200
    [problem] = account.take_problems()
    assert f"The saved demo account {path} could not be read (permission denied)" in problem
    assert "left as it is" in problem and "kept only until this window or command ends" in problem
    assert path.read_bytes() == before, "a good file is never written over"
    assert list(path.parent.glob("*.damaged-*")) == []
    monkeypatch.undo()
    later, _ = saved_server(path, clock)
    assert Api(later).get(f"/api/campaigns/{earlier}").status == 200


def test_a_file_that_cannot_be_read_after_another_program_changed_it_is_not_overwritten(path, clock, monkeypatch):
    window, account = saved_server(path, clock)
    command, _ = saved_server(path, clock)
    Api(command).send(card_body())
    written_by_command = path.read_bytes()
    refuse_to_open(monkeypatch, path)
    assert Api(window).send(card_body(sender="Other")).status == 200
    [problem] = account.take_problems()
    assert "could not be read (permission denied)" in problem
    assert path.read_bytes() == written_by_command


def test_a_damaged_file_that_cannot_be_moved_aside_is_not_written_over(path, clock, monkeypatch):
    path.parent.mkdir(parents=True)
    path.write_bytes(b"{ not the demo account")

    def cannot_rename(*_args: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(saved_account.os, "rename", cannot_rename)
    server, account = saved_server(path, clock)
    assert Api(server).send(card_body()).status == 200
    [problem] = account.take_problems()
    assert "could not be used: it is not valid JSON" in problem and "could not be moved aside" in problem
    assert path.read_bytes() == b"{ not the demo account"


# Item 4: an account replaced by another program ------------------------------------------------------


def test_an_account_replaced_by_another_program_is_taken_over_not_overwritten(path, clock):
    window, account = saved_server(path, clock)
    mine = Api(window).send(card_body()).json()["data"]["id"]
    path.unlink()  # removed (or moved aside as damaged) meanwhile: the next program starts afresh
    clock.advance(1)
    command, other = saved_server(path, clock)
    theirs = Api(command).send(card_body(sender="Other")).json()["data"]["id"]
    assert other.label != account.label

    clock.advance(6)
    assert Api(window).get(f"/api/campaigns/{theirs}").status == 200
    assert Api(window).get(f"/api/campaigns/{mine}").status == 404, "that account is gone"
    assert account.label == other.label, "the history's records follow the account"
    third = Api(window).send(card_body(sender="Third")).json()["data"]["id"]
    kept = saved_state.load(path.read_bytes(), window.zone)
    assert kept.label == other.label
    assert {theirs, third} <= {c.id for c in kept.store.state()["campaigns"]}


# Item 7: plain words ------------------------------------------------------------------------------------


def test_values_that_cannot_be_used_are_said_in_plain_words_and_logged_with_their_kind(
    path, clock, monkeypatch, caplog
):
    kept_file(path, clock)
    real_load = saved_state.load

    def load_with_overflow(data: bytes, zone):
        loaded = real_load(data, zone)

        def overflow(_now: datetime) -> float:
            raise OverflowError("date value out of range")

        loaded.store.balance = overflow  # type: ignore[method-assign]
        return loaded

    monkeypatch.setattr(saved_state, "load", load_with_overflow)
    with caplog.at_level(logging.INFO, logger=saved_account.__name__):
        _, account = saved_server(path, clock)
    [problem] = account.take_problems()
    assert "could not be used: it holds values that cannot be used. It was moved to" in problem
    assert "Error" not in problem
    assert "OverflowError" in caplog.text
