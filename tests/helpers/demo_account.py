"""A demo server that keeps its account in a file, on a fake clock: for the saved-account tests."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.sandbox import SandboxServer
from app.sandbox.saved_account import SavedAccount

START = datetime(2025, 4, 14, 10, 0, 0, tzinfo=UTC)
_labels = itertools.count(1)


def new_label() -> str:
    """A label no other account of the test run has."""
    return f"demo:test{next(_labels)}"


def account_path(folder: Path) -> Path:
    return folder / "data" / "demo-account.json"


def saved_server(path: Path, clock: Any) -> tuple[SandboxServer, SavedAccount]:
    account = SavedAccount(path, new_label=new_label)
    return SandboxServer(clock=clock, time_zone="Europe/Kyiv", saved=account), account
