"""Building the main window against a sandbox server whose faults a test can set."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QLabel, QMessageBox

from app import api
from app.api import WwtClient
from app.api.models import CampaignInfo
from app.platform.config import Settings, app_paths
from app.sandbox import DEMO_API_KEY, SandboxServer, SandboxTransport
from app.tasks.connection import DEMO_BASE_URL, Connection
from ui.common import workers
from ui.shell.main_window import MainWindow

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEND_PATH = "/api/campaigns/rcs/send-groups"


@dataclass
class Shown:
    """What a confirmation dialog said (captured before the dialog is deleted)."""

    text: str
    caution: str | None
    cancel_is_default: bool


def capture(dialog) -> Shown:
    caution = dialog.findChild(QLabel, "sendCaution")
    return Shown(
        text=" ".join(label.text() for label in dialog.findChildren(QLabel)),
        caution=caution.text() if caution is not None else None,
        cancel_is_default=dialog.cancel_button.isDefault(),
    )


@dataclass
class Harness:
    """A window, its server, and what the send flow presented (instead of dialogs)."""

    window: MainWindow
    server: SandboxServer
    confirmations: list[Shown] = field(default_factory=list)
    results: list[CampaignInfo] = field(default_factory=list)
    failures: list[api.ApiError] = field(default_factory=list)
    accept: bool = True

    def sends(self) -> list:
        return [r for r in self.server.requests if r.method == "POST" and r.target.startswith(SEND_PATH)]

    @property
    def outcomes(self) -> int:
        return len(self.results) + len(self.failures)


def sandbox_connection(
    server: SandboxServer, *, send_timeout: float = 60.0, base_url: str = DEMO_BASE_URL, zone: str = "UTC"
) -> Connection:
    transport = SandboxTransport(server)
    client = WwtClient(base_url, DEMO_API_KEY, transport=transport, send_timeout=send_timeout)
    return Connection(
        client=client, demo=True, base_url=base_url, account_time_zone=zone, media_mounts={DEMO_BASE_URL: transport}
    )


def make_window(qtbot, connection: Connection, server: SandboxServer, *, recover: bool = False) -> Harness:
    """The window; ``recover`` looks for autosaves left by killed windows as a real start does."""
    window = MainWindow(Settings(), connection, app_paths(), recover=recover)
    window.persist_state = False
    qtbot.addWidget(window)
    harness = Harness(window, server)

    def confirm(dialog) -> None:
        harness.confirmations.append(capture(dialog))
        if harness.accept:
            dialog.accept()
        else:
            dialog.reject()

    controller = window.send_controller
    controller.present_confirmation = confirm
    controller.present_result = harness.results.append
    controller.present_failure = harness.failures.append
    window.files.ask_discard = lambda: QMessageBox.StandardButton.Discard
    window.show()
    qtbot.waitUntil(lambda: not window.group_picker.loading, timeout=5000)
    return harness


def close_window(harness: Harness) -> None:
    harness.window.editor.modified = False
    harness.window.close()
    assert workers.wait_for_all(5000)


@contextmanager
def spring_sale_window(qtbot) -> Iterator[Harness]:
    """A window on a fresh sandbox with the spring-sale example open; closed afterwards."""
    server = SandboxServer()
    harness = make_window(qtbot, sandbox_connection(server), server)
    harness.window.files.open_path(EXAMPLES / "spring-sale.rcs.json")
    try:
        yield harness
    finally:
        close_window(harness)


def wait_for_question(qtbot, owner) -> None:
    """After Send: the history is read on a worker before the question is asked; wait for that step.
    ``owner`` is the window or its send controller."""
    from ui.sending.send_flow import SendState

    controller = getattr(owner, "send_controller", owner)
    qtbot.waitUntil(lambda: controller.state is not SendState.CHECKING, timeout=10000)


class FakeStart:
    """Stands for starting a process (the language restart's ``start_program``): records what would have
    been started."""

    def __init__(self) -> None:
        self.started: list[tuple[str, list[str]]] = []

    def __call__(self, program: str, arguments: Sequence[str]) -> bool:
        self.started.append((program, list(arguments)))
        return True
