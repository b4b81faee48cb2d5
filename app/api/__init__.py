"""WWT.world One-API client: ``WwtClient``, the answer models and the typed errors.

See ``app.api.client`` for the retry rules (a campaign send is never repeated automatically)
and ``app.api.errors`` for what each error means to the user.

The client (and with it httpx) is imported on first use, so the window can paint before it
is needed; the errors and models are plain Python and load at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.api.errors import (
    KEY_REFUSED_MESSAGE,
    AccessDenied,
    ApiError,
    Cancelled,
    CannotReachServer,
    ConnectionLost,
    DuplicateRequest,
    InvalidCampaignStatus,
    KeyRefused,
    MissingKey,
    NotFound,
    OutcomeUnknown,
    Rejected,
    RequestTimedOut,
    ServerError,
    TooManyMessages,
    UnexpectedResponse,
)
from app.api.models import Balance, CampaignDetail, CampaignInfo, ContactList, MessageInfo, SmsSender

if TYPE_CHECKING:
    from app.api.client import WwtClient, default_user_agent


def __getattr__(name: str) -> Any:
    if name in ("WwtClient", "default_user_agent"):
        from app.api import client

        return getattr(client, name)
    raise AttributeError(f"module 'app.api' has no attribute {name!r}")


__all__ = [
    "KEY_REFUSED_MESSAGE",
    "AccessDenied",
    "ApiError",
    "Balance",
    "CampaignDetail",
    "CampaignInfo",
    "Cancelled",
    "CannotReachServer",
    "ConnectionLost",
    "ContactList",
    "DuplicateRequest",
    "InvalidCampaignStatus",
    "KeyRefused",
    "MessageInfo",
    "MissingKey",
    "NotFound",
    "OutcomeUnknown",
    "Rejected",
    "RequestTimedOut",
    "ServerError",
    "SmsSender",
    "TooManyMessages",
    "UnexpectedResponse",
    "WwtClient",
    "default_user_agent",
]
