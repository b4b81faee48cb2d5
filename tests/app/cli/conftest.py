"""Fixtures of the command-line tests."""

from __future__ import annotations

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
