"""Errors raised by the WWT.world client.

Every error a person may see is an ``ApiError``: ``str(exc)`` (also ``exc.user_message``) is a
sentence in plain words for marketing staff; ``exc.details`` is a technical text for "Copy details"
(method, path, status, a shortened response with secrets removed). Neither ever holds the API key
or the login token.

``Cancelled`` is deliberately *not* an ``ApiError``: it means the user asked to stop (for example
while contact lists load), so the program shows nothing for it.
"""

from __future__ import annotations

from app.language import tr, tr_mark

# The messages are marked here and translated when an error is made (the language is chosen after import).
KEY_REFUSED_MESSAGE = tr_mark(
    "The API key was refused. Open Settings and check the key "
    "(Integrations & API → SMPP/API Password in your WWT.world account)."
)
# Where the window takes the server's address from; the command line says where its address came from
# instead (``--api-url``, ``RCS_DESK_API_URL``) by replacing these words (translated: ``tr(SETTINGS_ADDRESS)``),
# so every message naming the address holds them exactly, in every language.
# Translators: written exactly so (same case) inside each message that names the server address; the
# command line replaces it with where its address came from ("server address given with --api-url (…)").
SETTINGS_ADDRESS = tr_mark("server address in Settings")
NOT_WWT_SERVER = tr_mark(
    "The server address in Settings does not look like WWT.world's server (it answered like an ordinary web "
    "site): check it. Nothing was done."
)


class Cancelled(Exception):
    """The user cancelled a long operation; not an error to show."""

    def __init__(self, message: str = "Cancelled.") -> None:
        super().__init__(message)


class ApiError(Exception):
    """A failure talking to the server, with a plain message and support details.

    ``outcome_unknown`` is True when a campaign send may have been created although no
    confirmation arrived: the program must then ask the user to check the campaign list and
    must never send again by itself.
    """

    default_message = tr_mark("Something went wrong while talking to the WWT.world server. Try again in a moment.")
    outcome_unknown_default = False

    def __init__(
        self,
        user_message: str | None = None,
        details: str = "",
        *,
        status: int | None = None,
        outcome_unknown: bool | None = None,
    ) -> None:
        self.user_message = user_message or tr(self.default_message)
        self.details = details
        self.status = status
        self.outcome_unknown = self.outcome_unknown_default if outcome_unknown is None else outcome_unknown
        super().__init__(self.user_message)

    def __str__(self) -> str:
        return self.user_message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.user_message!r})"


class CannotReachServer(ApiError):
    """No connection could be made: nothing was sent."""

    default_message = tr_mark(
        "Could not reach the WWT.world server. Check your internet connection and the server address in Settings, "
        "then try again. Nothing was sent."
    )


class RequestTimedOut(ApiError):
    """The request went out but the answer did not come in time (not used for a campaign send)."""

    default_message = tr_mark("The server took too long to answer. Try again in a moment.")


class ConnectionLost(ApiError):
    """The connection broke after the request went out (not used for a campaign send)."""

    default_message = tr_mark("The connection to the server was lost before its answer arrived. Try again in a moment.")


class OutcomeUnknown(ApiError):
    """A campaign send whose answer never came: the campaign may exist. Never resend automatically."""

    default_message = tr_mark(
        "The connection was lost before the server confirmed the campaign. "
        "The campaign may have been created: check the campaign list before sending again."
    )
    outcome_unknown_default = True


class KeyRefused(ApiError):
    """Login was refused, or the server still refused us after logging in again once."""

    default_message = KEY_REFUSED_MESSAGE


class MissingKey(KeyRefused):
    """There is no API key to log in with (none saved, or the password store could not be read)."""

    default_message = tr_mark("No API key is saved. Open Settings and enter the API key of your WWT.world account.")


class AccessDenied(ApiError):
    """HTTP 403 on a call other than login: the account may not do this."""

    default_message = tr_mark(
        "Your WWT.world account is not allowed to do this. "
        "Ask your WWT.world account manager, or check the API key in Settings."
    )


class Rejected(ApiError):
    """The server refused the request's content (HTTP 422, or another refusal with a message).

    ``field_errors`` maps request paths in the validator's style
    (``"options.cards[1].suggestions[0].text"``) to the server's messages; ``general_errors``
    holds messages that name no field.
    """

    default_message = tr_mark("The server did not accept this request.")

    def __init__(
        self,
        user_message: str | None = None,
        details: str = "",
        *,
        status: int | None = 422,
        outcome_unknown: bool | None = None,
        server_message: str = "",
        field_errors: dict[str, list[str]] | None = None,
        general_errors: list[str] | None = None,
    ) -> None:
        super().__init__(user_message, details, status=status, outcome_unknown=outcome_unknown)
        self.server_message = server_message
        self.field_errors: dict[str, list[str]] = dict(field_errors or {})
        self.general_errors: list[str] = list(general_errors or [])


class InvalidCampaignStatus(Rejected):
    """Stopping was refused because the campaign is no longer running or scheduled."""

    default_message = tr_mark("This campaign can no longer be stopped: it has already finished or was stopped.")


class DuplicateRequest(ApiError):
    """HTTP 429: the server ignored an identical request sent a moment earlier. Never resend by itself."""

    default_message = tr_mark(
        "The server received the same request twice within a moment and ignored the copy. "
        "Wait a moment, then try again."
    )


class NotFound(ApiError):
    """HTTP 404."""

    default_message = tr_mark(
        "The item was not found on the server. It may have been deleted, or it belongs to another account."
    )


class ServerError(ApiError):
    """HTTP 5xx: a problem on the server's side."""

    default_message = tr_mark(
        "The WWT.world server had a problem (not caused by anything you did). Try again in a few minutes."
    )


class TooManyMessages(ApiError):
    """A listing of messages went past its bounds (``WwtClient.list_messages``): it was not finished."""

    default_message = tr_mark(
        "The server listed far more messages than a campaign can have, so the list was not finished. "
        "Try again later; if it keeps happening, use Copy details and send them to support."
    )


class UnexpectedResponse(ApiError):
    """An answer the program cannot read: not JSON, missing ``data``, an unexpected status."""

    default_message = tr_mark(
        "The server answered in a way this program does not understand. Try again later; if it keeps "
        "happening, use Copy details and send them to support."
    )


__all__ = [
    "KEY_REFUSED_MESSAGE",
    "NOT_WWT_SERVER",
    "SETTINGS_ADDRESS",
    "AccessDenied",
    "ApiError",
    "Cancelled",
    "CannotReachServer",
    "ConnectionLost",
    "DuplicateRequest",
    "InvalidCampaignStatus",
    "KeyRefused",
    "MissingKey",
    "NotFound",
    "OutcomeUnknown",
    "Rejected",
    "RequestTimedOut",
    "ServerError",
    "TooManyMessages",
    "UnexpectedResponse",
]
