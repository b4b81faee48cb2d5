"""Fixtures of the task tests."""

from __future__ import annotations

import pytest

from app.api import WwtClient
from app.sandbox import DEMO_API_KEY, SandboxServer, SandboxTransport
from app.tasks.connection import DEMO_BASE_URL


@pytest.fixture
def sandbox():
    """The demo server in this process, and a client that talks to it: ``(server, client)``."""
    server = SandboxServer()
    client = WwtClient(DEMO_BASE_URL, DEMO_API_KEY, transport=SandboxTransport(server))
    yield server, client
    client.close()
