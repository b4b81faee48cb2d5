"""Building the API client the program uses: the real server, or the built-in demo server."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.platform.config import Settings, app_paths
from app.tasks.context import Cancellable

if TYPE_CHECKING:
    import httpx

    from app.api import WwtClient
    from app.sandbox.saved_account import SavedAccount

DEMO_BASE_URL = "https://demo.rcs-desk.invalid"


@dataclass
class Connection:
    """A client plus what the user should know about it."""

    client: WwtClient
    demo: bool
    base_url: str
    account_time_zone: str
    # Addresses whose media the preview fetches elsewhere: the demo server serves its sample pictures.
    media_mounts: dict[str, httpx.BaseTransport] = field(default_factory=dict)
    # A demo server's own label, used when it keeps no account (see ``server_label``).
    demo_label: str = ""
    # The demo account kept in the data folder (demo only): says what went wrong with its file.
    demo_account: SavedAccount | None = None

    @property
    def server_label(self) -> str:
        """Which server the history's records belong to: the address, or the demo server's label (a
        kept demo account's label changes when another program replaces the account)."""
        if self.demo_account is not None and self.demo_account.label:
            return self.demo_account.label
        return self.demo_label or self.base_url


def _stored_key() -> str | None:
    from app.platform.credentials import load_api_key  # the keyring is opened when the key is first needed

    found = load_api_key()
    return found.value if found else None


def open_connection(
    settings: Settings,
    *,
    demo: bool = False,
    api_url: str | None = None,
    api_key: Callable[[], str | None] | None = None,
    keep_demo_account: bool = True,
) -> Connection:
    """A client for the configured server, or for an in-process demo server when ``demo``: its
    account kept in the data folder, shared by every demo command and window, or with
    ``keep_demo_account=False`` a fresh one that reads and writes nothing (screenshots, self-test)."""
    from app.api import WwtClient

    zone = settings.account_time_zone
    if demo:
        from app.history.follow import demo_server_label
        from app.sandbox import DEMO_API_KEY, SandboxServer, SandboxTransport
        from app.sandbox.saved_account import SavedAccount, demo_account_path

        account: SavedAccount | None = None
        if keep_demo_account:
            account = SavedAccount(demo_account_path(app_paths().data_dir), new_label=demo_server_label)
        server = SandboxServer(time_zone=zone, saved=account)
        transport = SandboxTransport(server)
        client = WwtClient(DEMO_BASE_URL, DEMO_API_KEY, transport=transport)
        return Connection(
            client=client,
            demo=True,
            base_url=DEMO_BASE_URL,
            account_time_zone=zone,
            media_mounts={DEMO_BASE_URL: transport},
            demo_label=demo_server_label(),
            demo_account=account,
        )
    base_url = (api_url or settings.effective_api_url).rstrip("/")
    return Connection(
        client=WwtClient(base_url, api_key or _stored_key), demo=False, base_url=base_url, account_time_zone=zone
    )


@dataclass(frozen=True)
class KeyCheck:
    """Whether an API key is stored or given; ``problem`` says why the keyring could not be read."""

    present: bool
    problem: str | None = None


def check_api_key() -> KeyCheck:
    """Look for the API key (the keyring is opened on first use and may wait: not on the GUI thread)."""
    from app.platform.credentials import CredentialsError, load_api_key

    try:
        return KeyCheck(load_api_key() is not None)
    except CredentialsError as exc:
        return KeyCheck(False, str(exc))


def open_connection_checked(
    context: Cancellable, settings: Settings, demo: bool, api_url: str | None
) -> tuple[Connection, bool]:
    """A connection and whether there is a key to use it with (the window opens it on a worker)."""
    has_key = demo or check_api_key().present
    connection = open_connection(settings, demo=demo, api_url=api_url)
    if context.cancelled:  # a newer connection was asked for: this one is never used
        connection.client.close()
    return connection, has_key
