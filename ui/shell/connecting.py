"""Opening a connection off the GUI thread: the keyring may wait on the system's secret service."""

from __future__ import annotations

from app.platform.config import Settings
from app.tasks.connection import Connection


def has_api_key() -> bool:
    """Whether a key is stored or given (a keyring that cannot be opened counts as none)."""
    from app.platform.credentials import CredentialsError, load_api_key  # the keyring loads when first asked

    try:
        return load_api_key() is not None
    except CredentialsError:
        return False


def open_connection_in_worker(context, settings: Settings, demo: bool, api_url: str | None) -> tuple[Connection, bool]:
    """Background: the keyring, httpx and (in demo mode) the demo server; and whether there is a key."""
    from app.tasks.connection import open_connection

    has_key = demo or has_api_key()
    connection = open_connection(settings, demo=demo, api_url=api_url)
    if context.cancelled:  # a newer connection was asked for: this one is never used
        connection.client.close()
    return connection, has_key
