"""Test configuration shared by every test.

Qt runs offscreen; settings and data go to a fresh temporary folder per test; the keyring
is an in-memory fake, so no test can touch the developer's real credentials. Every send-groups
body a test sends is checked against the project's schema (app/api/schemas). Qt messages the
offscreen platform always prints are ignored in one place: ``qt_log_ignore`` in pyproject.toml.

Markers: ``gui`` (added to every test that uses qtbot) and ``slow`` (added to every Hypothesis
test; written on other tests of a second or more). The fast core subset: ``-m "not gui and not slow"``.
Hypothesis profiles: ``ci`` (the default, 50 examples a test) and ``thorough`` (1,000), chosen with
``HYPOTHESIS_PROFILE=thorough`` (or pytest's ``--hypothesis-profile``).
"""

from __future__ import annotations

import json
import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import keyring
import pytest
from hypothesis import settings
from keyring.backend import KeyringBackend

from app.language import use_language

settings.register_profile("ci", max_examples=50, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "ci")


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
    """Every test gets its own RCS_DESK_HOME, an empty in-memory keyring, and English (the source
    language), whatever the machine's language: a test that wants another says so."""
    home = tmp_path / "rcs-desk-home"
    monkeypatch.setenv("RCS_DESK_HOME", str(home))
    for name in ("RCS_DESK_API_URL", "RCS_DESK_API_KEY", "LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    use_language("en")
    previous = keyring.get_keyring()
    fake = MemoryKeyring()
    keyring.set_keyring(fake)
    yield fake
    keyring.set_keyring(previous)
    use_language("en")


@pytest.fixture
def ukrainian() -> None:
    """The program in Ukrainian for one test (``isolated_environment`` gives English back after it)."""
    use_language("uk")


def pytest_collection_modifyitems(items):
    """Tests that use qtbot (directly or through a fixture) are marked ``gui``; Hypothesis tests ``slow``."""
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.gui)
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.slow)


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


# --- Every send-groups body a test sends fits the project's own schema (app/api/schemas) ---------------

_SENT_BODIES = pytest.StashKey["SentBodies"]()


class SentBodies:
    """Schema problems of the send-groups bodies seen during one test, wherever they were seen.

    Servers answer on their own threads: problems are collected, and the test fails at its end.
    """

    def __init__(self, test: str) -> None:
        self.test = test
        self.problems: list[str] = []

    def check(self, where: str, body: object) -> None:
        """``body`` as JSON data (already parsed)."""
        from helpers.request_schema import send_groups

        self._note(where, send_groups().errors(body), json.dumps(body, ensure_ascii=False, default=repr))

    def check_wire(self, where: str, content: bytes) -> None:
        """``content`` as it went over the wire."""
        from helpers.request_schema import send_groups

        self._note(where, send_groups().wire_errors(content), content.decode("utf-8", "replace"))

    def _note(self, where: str, errors: list[str], shown: str) -> None:
        if errors:
            excerpt = shown if len(shown) <= 600 else shown[:600] + "..."
            self.problems.append(f"{where} got a body that breaks send_groups.schema.json: {errors}\n  body: {excerpt}")

    def raise_if_any(self) -> None:
        problems, self.problems = self.problems, []
        if problems:
            raise AssertionError(
                f"{self.test} sent send-groups bodies that break app/api/schemas/send_groups.schema.json "
                "(mark the test with @pytest.mark.sends_invalid_bodies(reason) if that is its point):\n"
                + "\n".join(problems)
            )


@pytest.fixture(autouse=True)
def sent_bodies_fit_the_schema(request, monkeypatch):
    """Checks every send-groups body against app/api/schemas/send_groups.schema.json, in three places:

    - ``WwtClient.send_campaign``: whatever the app sends, to any server or fake transport;
    - ``SandboxServer`` (its send-groups handler): the in-process transport, the loopback server and
      direct ``handle`` calls, also when a child process is the client;
    - ``tests/helpers/hostile_server.py``: what reaches the misbehaving loopback server, also from child processes.

    A test whose point is a body the schema refuses says so with ``@pytest.mark.sends_invalid_bodies``.
    """
    if request.node.get_closest_marker("sends_invalid_bodies"):
        yield None
        return
    from app.api.client import WwtClient
    from app.sandbox.server import SandboxServer

    bodies = SentBodies(request.node.nodeid)
    request.node.stash[_SENT_BODIES] = bodies

    send_campaign = WwtClient.send_campaign

    def checked_send_campaign(self, body):
        try:
            wire = json.loads(json.dumps(body, allow_nan=False))
        except (TypeError, ValueError):
            wire = None  # not JSON: the client refuses it before anything is sent
        if wire is not None:
            bodies.check("WwtClient.send_campaign", wire)
        return send_campaign(self, body)

    monkeypatch.setattr(WwtClient, "send_campaign", checked_send_campaign)

    send_groups = SandboxServer._send_groups

    def checked_send_groups(self, call):
        bodies.check("the sandbox server", call.body)
        return send_groups(self, call)

    monkeypatch.setattr(SandboxServer, "_send_groups", checked_send_groups)

    for name in ("helpers.hostile_server",):  # once a test module has imported it
        hostile = sys.modules.get(name)
        if hostile is None:
            continue
        read_body = hostile._Handler._body

        def checked_body(self, read_body=read_body, send_path=hostile.SEND_PATH):
            content = read_body(self)
            if self.command == "POST" and self.path == send_path:
                bodies.check_wire("the hostile server", content)
            return content

        monkeypatch.setattr(hostile._Handler, "_body", checked_body)
    yield bodies
    bodies.raise_if_any()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A body that broke the schema fails the test itself (not only its teardown)."""
    result = yield
    bodies = item.stash.get(_SENT_BODIES, None)
    if bodies is not None:
        bodies.raise_if_any()
    return result


@pytest.fixture
def computer_zone(monkeypatch):
    """Sets this computer's time zone for the test, where the program learns it (tzlocal)."""
    import tzlocal

    from app.platform import config

    def set_zone(name: str) -> None:
        monkeypatch.setattr(tzlocal, "get_localzone_name", lambda: name)
        config.local_time_zone_name.cache_clear()

    yield set_zone
    config.local_time_zone_name.cache_clear()
