"""Fixtures of the command-line tests."""

from __future__ import annotations

import io
import sys

import pytest

from app.sandbox import DEMO_API_KEY, LoopbackServer, SandboxServer


@pytest.fixture
def sandbox(monkeypatch):
    """A simulated WWT.world server on 127.0.0.1, set as the commands' server with its key."""
    server = SandboxServer()
    with LoopbackServer(server) as loopback:
        monkeypatch.setenv("RCS_DESK_API_URL", loopback.base_url)
        monkeypatch.setenv("RCS_DESK_API_KEY", DEMO_API_KEY)
        yield server


class Terminal(io.StringIO):
    """Standard input as from a terminal: the commands ask their questions only there."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def terminal(monkeypatch) -> Terminal:
    """A terminal on standard input (empty: a question patched by the test answers)."""
    stdin = Terminal()
    monkeypatch.setattr(sys, "stdin", stdin)
    return stdin
