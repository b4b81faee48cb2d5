"""The API key: kept in the operating system's keyring, never in a file.

``RCS_DESK_API_KEY`` in the environment overrides the keyring (automation, CI). Where no
keyring backend is usable (a bare Linux box without a secret service), saving is refused
with a message that says so and points to the environment variable.

``keyring`` (and with it ``urllib.request``, ``http.client`` and ``ssl``: 45-80 ms) is imported when
the keyring is first used, not with this module: ``rcs-desk validate`` and the window's first paint
never need it.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Literal

from app.language import tr, tr_mark
from app.platform.config import ENV_API_KEY

log = logging.getLogger(__name__)

KEYRING_SERVICE = "RCS Campaign Desk"
KEYRING_ACCOUNT = "wwt-api-key"
KEY_PREFIXES = ("live_", "test_")

NO_KEYRING_MESSAGE = tr_mark(
    "This computer has no password store (keyring) that the program can use, so the API key "
    "cannot be saved. Set the environment variable RCS_DESK_API_KEY instead, or install a "
    "keyring service (on Linux: GNOME Keyring or KWallet)."
)


class CredentialsError(Exception):
    """The key could not be stored or read; ``str()`` is a message for the user."""


@dataclass(frozen=True)
class ApiKey:
    value: str
    source: Literal["environment", "keyring"]

    def __repr__(self) -> str:  # the key itself never reaches a log or a traceback
        return f"ApiKey(source={self.source!r}, value=<hidden>)"


def keyring_available() -> bool:
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 0) > 0


def keyring_backend_name() -> str:
    import keyring

    backend = keyring.get_keyring()
    return getattr(backend, "name", type(backend).__name__)


def check_key_format(key: str) -> str | None:
    """A message when ``key`` does not look like a WWT.world API key, else None."""
    key = key.strip()
    if not key:
        return tr("Enter the API key.")
    if not key.startswith(KEY_PREFIXES):
        return tr(
            "An API key starts with live_ or test_. Copy it from your WWT.world account: "
            "Integrations & API → SMPP/API Password."
        )
    if any(ch.isspace() for ch in key):
        return tr("The API key cannot contain spaces.")
    return None


def load_api_key() -> ApiKey | None:
    """The key from the environment, else from the keyring, else None."""
    env_value = os.environ.get(ENV_API_KEY, "").strip()
    if env_value:
        return ApiKey(env_value, "environment")
    if not keyring_available():
        return None
    import keyring
    import keyring.errors

    try:
        stored = keyring.get_password(KEYRING_SERVICE, KEYRING_ACCOUNT)
    except keyring.errors.KeyringError as exc:
        log.warning("keyring could not be read: %s", type(exc).__name__)
        raise CredentialsError(
            tr("The password store (keyring) could not be opened. Unlock it and try again.")
        ) from None
    return ApiKey(stored, "keyring") if stored else None


def save_api_key(key: str) -> None:
    """Store ``key`` in the keyring. Raises ``CredentialsError`` with a message for the user."""
    if not keyring_available():
        raise CredentialsError(tr(NO_KEYRING_MESSAGE))
    import keyring
    import keyring.errors

    try:
        keyring.set_password(KEYRING_SERVICE, KEYRING_ACCOUNT, key.strip())
    except keyring.errors.KeyringError as exc:
        log.warning("keyring refused the key: %s", type(exc).__name__)
        raise CredentialsError(
            tr("The password store (keyring) refused to save the API key. Unlock it and try again.")
        ) from None


def delete_api_key() -> None:
    """Forget the stored key (nothing happens when none is stored)."""
    if not keyring_available():
        return
    import keyring
    import keyring.errors

    try:
        keyring.delete_password(KEYRING_SERVICE, KEYRING_ACCOUNT)
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError as exc:
        log.warning("keyring could not delete the key: %s", type(exc).__name__)
        raise CredentialsError(tr("The password store (keyring) could not remove the API key.")) from None
