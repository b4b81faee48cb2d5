"""Bearer tokens of the simulated server: JWT-shaped, random, expiring by the injected clock."""

from __future__ import annotations

import base64
import json
import secrets
from datetime import datetime, timedelta
from typing import Any

DEMO_API_KEY = "test_demo"  # the key the simulated account accepts
TOKEN_LIFETIME_S = 30 * 24 * 3600.0  # the documentation's example JWT lives 30 days


def _b64(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode("ascii")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


class TokenBook:
    """Issued tokens and when they expire. Never shows a token in its repr."""

    def __init__(self, account_id: int, lifetime_s: float = TOKEN_LIFETIME_S) -> None:
        self._account_id = account_id
        self._lifetime = timedelta(seconds=lifetime_s)
        self._expiry: dict[str, datetime] = {}

    def __repr__(self) -> str:
        return f"TokenBook(<{len(self._expiry)} tokens>)"

    def issue(self, now: datetime) -> str:
        expires = now + self._lifetime
        header = _b64({"typ": "JWT", "alg": "RS256"})
        payload = _b64(
            {
                "iat": int(now.timestamp()),
                "exp": int(expires.timestamp()),
                "roles": [],
                "id": self._account_id,
                "jti": secrets.token_hex(8),
            }
        )
        token = f"{header}.{payload}.{secrets.token_urlsafe(48)}"
        self._expiry[token] = expires
        return token

    def valid(self, token: str | None, now: datetime) -> bool:
        if not token:
            return False
        expires = self._expiry.get(token)
        if expires is None:
            return False
        if now >= expires:
            del self._expiry[token]
            return False
        return True

    def refresh(self, token: str, now: datetime) -> str:
        """A new token; the old one stops working (as a refreshed JWT is blacklisted)."""
        self._expiry.pop(token, None)
        return self.issue(now)

    def expire_all(self) -> None:
        self._expiry.clear()
