"""Fixtures of the command-line tests."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

import app.cli
from app.language import use_language
from app.sandbox import DEMO_API_KEY, LoopbackServer, SandboxServer
from helpers.pseudo import write_pseudo_catalog


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


@pytest.fixture(scope="module")
def pseudo_folder(tmp_path_factory) -> Path:
    return write_pseudo_catalog(tmp_path_factory.mktemp("locale"))


@pytest.fixture
def pseudo(pseudo_folder, monkeypatch):
    """Every command speaks the pseudo-language (tests/helpers/pseudo.py), whatever the environment or
    Settings choose."""
    monkeypatch.setattr(app.cli, "use_language", lambda code, **_: use_language("pseudo", folder=pseudo_folder))
