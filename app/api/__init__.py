"""WWT.world One-API client: ``WwtClient``, the answer models and the typed errors.

See ``app.api.client`` for the retry rules (a campaign send is never repeated automatically)
and ``app.api.errors`` for what each error means to the user.
"""

from app.api.client import WwtClient, default_user_agent
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
    UnexpectedResponse,
)
from app.api.models import Balance, CampaignDetail, CampaignInfo, ContactList, SmsSender

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
    "MissingKey",
    "NotFound",
    "OutcomeUnknown",
    "Rejected",
    "RequestTimedOut",
    "ServerError",
    "SmsSender",
    "UnexpectedResponse",
    "WwtClient",
    "default_user_agent",
]
