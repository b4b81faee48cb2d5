"""Test configuration shared by every test.

Qt runs offscreen; settings and data go to a fresh temporary folder per test; the keyring
is an in-memory fake, so no test can touch the developer's real credentials.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import keyring
import pytest
from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in a dict; ``fail`` makes every call raise like a broken backend."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.passwords:
            raise PasswordDeleteError("not found")
        del self.passwords[(service, username)]


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path, monkeypatch):
    """Every test gets its own RCS_DESK_HOME and an empty in-memory keyring."""
    home = tmp_path / "rcs-desk-home"
    monkeypatch.setenv("RCS_DESK_HOME", str(home))
    for name in ("RCS_DESK_API_URL", "RCS_DESK_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    previous = keyring.get_keyring()
    fake = MemoryKeyring()
    keyring.set_keyring(fake)
    yield fake
    keyring.set_keyring(previous)


def pytest_collection_modifyitems(items):
    """Tests that use qtbot (directly or through a fixture) are marked ``gui``."""
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def no_background_task_left(request):
    """A Qt test must not leave a worker thread behind (it would outlive the widgets it reports to)."""
    yield
    if "qtbot" not in request.fixturenames:
        return
    from PySide6.QtCore import QCoreApplication

    from ui.common import workers

    assert workers.wait_for_all(5000), "a background task did not end"
    QCoreApplication.processEvents()  # let the ended tasks report and clean up
    assert workers.running_tasks() == [], "a background task was still registered after the test"
