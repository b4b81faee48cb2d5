"""Opening a connection off the GUI thread: the keyring may wait on the system's secret service."""

from __future__ import annotations

from app.config import Settings
from app.connection import Connection


def open_connection_in_worker(context, settings: Settings, demo: bool, api_url: str | None) -> tuple[Connection, bool]:
    """Background: the keyring, httpx and (in demo mode) the demo server; and whether there is a key."""
    from app.connection import open_connection
    from app.credentials import CredentialsError, load_api_key

    try:
        has_key = demo or load_api_key() is not None
    except CredentialsError:
        has_key = False
    connection = open_connection(settings, demo=demo, api_url=api_url)
    if context.cancelled:  # a newer connection was asked for: this one is never used
        connection.client.close()
    return connection, has_key
