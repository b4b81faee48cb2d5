"""Fixtures of the window's tests."""

from __future__ import annotations

import threading

import httpx
import pytest


@pytest.fixture
def client_threads(monkeypatch) -> list[str]:
    """The name of the thread each ``httpx.Client`` is made on, from now on (the GUI thread must make none)."""
    names: list[str] = []
    real = httpx.Client

    class Recording(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs) -> None:
            names.append(threading.current_thread().name)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(httpx, "Client", Recording)
    return names
