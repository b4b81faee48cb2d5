"""Typed errors: plain messages, support details, 422 field mapping, and no secret anywhere."""

from __future__ import annotations

import inspect
from collections.abc import Callable

import httpx
import pytest

from app.api import errors
from app.api.client import WwtClient
from app.api.redact import BODY_SHOWN_CHARS, REDACTED, body_excerpt, redact
from app.api.responses import field_errors, plain_message, request_path

BASE_URL = "https://one-api.example.test"
API_KEY = "live_Qw3rTy8uI0pAsDfGhJkL"
JWT = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJpYXQiOjE3Mzg3Nzc2NjgsImlkIjoyMDh9.c73iMlP9PJHABQo6iw_9w1ag"
OPAQUE_TOKEN = "opaque-session-7f3a9c2e1b"
LOGIN = "/api/auth/login"
SEND = "/api/campaigns/rcs/send-groups"
BODY = {"groups": [1], "sender": "Agent", "options": {"text": "Spring sale"}}  # fits send_groups.schema.json

Handler = Callable[[httpx.Request], httpx.Response]


def make_client(route: Handler, *, token: str = JWT, key: object = API_KEY, login: Handler | None = None) -> WwtClient:
    """A client whose logins succeed with ``token`` (or go to ``login``); other requests go to ``route``."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == LOGIN:
            return login(request) if login else httpx.Response(200, json={"bearer": token})
        return route(request)

    return WwtClient(BASE_URL, lambda: key, transport=httpx.MockTransport(handler))  # type: ignore[arg-type,return-value]


def raised(route: Handler, action: Callable[[WwtClient], object], **kwargs) -> errors.ApiError:
    with make_client(route, **kwargs) as client, pytest.raises(errors.ApiError) as caught:
        action(client)
    return caught.value


# --- Laravel keys -> request paths ---------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("options.cards.1.suggestions.0.text", "options.cards[1].suggestions[0].text"),
        ("options.cards.10.media.url", "options.cards[10].media.url"),
        ("groups.0", "groups[0]"),
        ("groups", "groups"),
        ("alternative_channel.sms.text", "alternative_channel.sms.text"),
        ("start_at", "start_at"),
        ("", ""),
    ],
)
def test_request_path(key, path):
    assert request_path(key) == path


def test_field_errors_accepts_every_documented_shape():
    assert field_errors([]) == ({}, [])
    assert field_errors(["Not enough money", "  ", 5]) == ({}, ["Not enough money"])
    assert field_errors(
        {
            "options.cards.1.suggestions.0.text": ["Too long.", "Bad."],
            "sender": "Unknown sender.",
            "groups.0": [],
            "": ["General problem."],
        }
    ) == (
        {"options.cards[1].suggestions[0].text": ["Too long.", "Bad."], "sender": ["Unknown sender."]},
        ["General problem."],
    )
    assert field_errors(None) == ({}, [])
    assert field_errors("Only a string") == ({}, ["Only a string"])


def test_plain_message_refuses_json_and_html():
    assert plain_message('{"error": 1}') == ""
    assert plain_message("<html>oops</html>") == ""
    assert plain_message(["x"]) == ""
    assert plain_message("  The given   data\nwas invalid. ") == "The given data was invalid."
    assert len(plain_message("x" * 5000)) < 400


# --- 422 ----------------------------------------------------------------------------------


def test_send_422_maps_field_errors_and_keeps_the_message_plain():
    body = {
        "message": "The given data was invalid.",
        "errors": {
            "options.cards.1.suggestions.0.text": ["The text may not be greater than 25 characters."],
            "alternative_channel.sms.sender": ["The sender is not registered."],
        },
    }
    exc = raised(lambda r: httpx.Response(422, json=body), lambda c: c.send_campaign(BODY))
    assert type(exc) is errors.Rejected
    assert exc.server_message == "The given data was invalid."
    assert exc.field_errors == {
        "options.cards[1].suggestions[0].text": ["The text may not be greater than 25 characters."],
        "alternative_channel.sms.sender": ["The sender is not registered."],
    }
    assert exc.general_errors == []
    assert str(exc) == (
        "The server did not accept the campaign:\n"  # Laravel's generic sentence is left out
        "• The text may not be greater than 25 characters.\n"
        "• The sender is not registered."
    )
    assert exc.status == 422
    assert "Request: POST /api/campaigns/rcs/send-groups" in exc.details
    assert "Status: 422" in exc.details
    assert "options.cards.1.suggestions.0.text" in exc.details  # the raw answer is for support


def test_422_with_a_list_of_strings_and_many_errors():
    body = {"message": "Invalid", "errors": [f"Problem {i}" for i in range(8)]}
    exc = raised(lambda r: httpx.Response(422, json=body), lambda c: c.send_campaign(BODY))
    assert exc.general_errors == [f"Problem {i}" for i in range(8)]
    assert str(exc).splitlines()[-1] == "• …and 3 more"


def test_422_without_json_is_still_plain():
    exc = raised(lambda r: httpx.Response(422, text='{"message": broken'), lambda c: c.send_campaign(BODY))
    assert isinstance(exc, errors.Rejected)
    assert str(exc) == "The server did not accept the campaign."


def test_422_outside_the_send_names_no_campaign():
    exc = raised(lambda r: httpx.Response(422, json={"message": "Bad page"}), lambda c: c.get_balance())
    assert str(exc) == "The server did not accept this request: Bad page"


def test_stop_422_with_another_message_is_plain_rejected():
    exc = raised(lambda r: httpx.Response(422, json={"message": "Campaign is locked"}), lambda c: c.stop_campaign(1))
    assert type(exc) is errors.Rejected


# --- other statuses -----------------------------------------------------------------------


def test_403_is_access_denied():
    exc = raised(lambda r: httpx.Response(403, json={"message": "Forbidden"}), lambda c: c.get_balance())
    assert type(exc) is errors.AccessDenied


def test_404_for_an_item_and_for_a_wrong_address():
    gone = raised(lambda r: httpx.Response(404, json={"message": "Not Found"}), lambda c: c.get_campaign(9))
    assert type(gone) is errors.NotFound and str(gone).startswith("This campaign was not found")
    nowhere = raised(lambda r: httpx.Response(404, html="<h1>404</h1>"), lambda c: c.get_balance())
    assert type(nowhere) is errors.NotFound and "server address in Settings" in str(nowhere)


def test_429_outside_the_send_is_generic_duplicate():
    exc = raised(
        lambda r: httpx.Response(429, json={"message": "Too many duplicate request detected"}),
        lambda c: c.get_balance(),
    )
    assert type(exc) is errors.DuplicateRequest and "campaign" not in str(exc)


def test_5xx_html_is_server_error_with_a_short_body_in_details():
    page = "<html><body>" + "Internal error " * 1000 + "</body></html>"
    exc = raised(lambda r: httpx.Response(500, html=page), lambda c: c.list_groups())
    assert type(exc) is errors.ServerError and not exc.outcome_unknown
    assert "<" not in str(exc)
    assert "Status: 500 Internal Server Error" in exc.details
    assert "Request: GET /api/groups?page[offset]=0&page[limit]=500" in exc.details
    assert "more characters]" in exc.details
    assert len(exc.details) < BODY_SHOWN_CHARS + 600


@pytest.mark.parametrize(
    "response",
    [
        httpx.Response(200, text="<html>maintenance</html>"),
        httpx.Response(200, json={"balance": 3}),
        httpx.Response(200, json=[1, 2]),
        httpx.Response(200, json={"data": [1]}),
        httpx.Response(302, headers={"Location": "https://elsewhere.test/"}),
        httpx.Response(405),
    ],
)
def test_unreadable_answers_are_unexpected(response):
    exc = raised(lambda r: response, lambda c: c.get_balance())
    assert type(exc) is errors.UnexpectedResponse and not exc.outcome_unknown


def test_stop_failures_say_the_outcome_must_be_checked():
    def timeout(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    exc = raised(timeout, lambda c: c.stop_campaign(3))
    assert type(exc) is errors.RequestTimedOut and "refresh its status" in str(exc)


@pytest.mark.parametrize("address", ["one-api.wwt.world", "ftp://one-api.wwt.world", "https://", " "])
def test_invalid_server_address_cannot_reach_and_sends_nothing(address):
    requests: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: requests.append(r) or httpx.Response(200))
    with WwtClient(address, API_KEY, transport=transport) as client, pytest.raises(errors.CannotReachServer) as caught:
        client.login()
    assert "server address in Settings" in str(caught.value)
    assert requests == []


def test_unsupported_protocol_is_cannot_reach():
    exc = raised(raising(httpx.UnsupportedProtocol, "no scheme"), lambda c: c.send_campaign(BODY))
    assert type(exc) is errors.CannotReachServer and not exc.outcome_unknown


# --- messages are plain -------------------------------------------------------------------

ERROR_CLASSES = [cls for _, cls in inspect.getmembers(errors, inspect.isclass) if issubclass(cls, errors.ApiError)]
FORBIDDEN_WORDS = ("json", "http", "payload", "token", "422", "401", "403", "404", "429", "500", "{", "jwt", "bearer")


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_default_messages_are_plain(cls):
    message = cls().user_message
    assert message and message == str(cls())
    assert not any(word in message.lower() for word in FORBIDDEN_WORDS), message


def test_cancelled_is_not_shown_as_an_error():
    assert not issubclass(errors.Cancelled, errors.ApiError)
    assert issubclass(errors.InvalidCampaignStatus, errors.Rejected)
    assert issubclass(errors.MissingKey, errors.KeyRefused)
    assert errors.OutcomeUnknown().outcome_unknown and not errors.ServerError().outcome_unknown


# --- redaction ----------------------------------------------------------------------------


def test_redact_masks_members_headers_jwts_keys_and_known_values():
    text = (
        f'{{"bearer": "{OPAQUE_TOKEN}", "api_key":"{API_KEY}", "Token": "abc\\"def"}} '
        f"Authorization: Bearer {OPAQUE_TOKEN} jwt {JWT} key {API_KEY} other secret-xyz-123 "
        "api_key=live_short1&token=zzz"
    )
    cleaned = redact(text, ["secret-xyz-123", None, ""])
    for secret in (OPAQUE_TOKEN, API_KEY, JWT, "secret-xyz-123", "abc", "live_short1", "zzz"):
        assert secret not in cleaned
    assert cleaned.count(REDACTED) >= 7


def test_body_excerpt_redacts_before_cutting():
    body = ("x" * (BODY_SHOWN_CHARS - 10) + JWT).encode()
    excerpt = body_excerpt(body, [JWT])
    assert JWT[:10] not in excerpt


# --- secrets never leak, whatever fails ----------------------------------------------------


def echo(status: int, **kwargs) -> Handler:
    return lambda request: httpx.Response(status, **kwargs)


def raising(exc_type: type[Exception], message: str) -> Handler:
    def handler(request: httpx.Request) -> httpx.Response:
        raise exc_type(message, request=request)

    return handler


def scenarios(token: str) -> dict[type, tuple[Handler, Callable[[WwtClient], object], dict]]:
    """For every error class: a server that echoes the secrets, and the call that provokes it."""
    leaky = f"key={API_KEY} Authorization: Bearer {token} raw {token} {API_KEY}"
    body = {
        "message": f"Echo {API_KEY} {token}",
        "bearer": token,
        "api_key": API_KEY,
        "errors": {f"options.{token}": [f"bad {API_KEY}"], "sender": [f"token {token}"]},
    }
    balance = lambda c: c.get_balance()  # noqa: E731
    send = lambda c: c.send_campaign({**BODY, "note": "no secret here"})  # noqa: E731

    listing = lambda c: list(c.list_messages({"campaign_id": 1}, page_limit=15, max_messages=20))  # noqa: E731

    def endless(request: httpx.Request) -> httpx.Response:
        first = int(request.url.params["page[offset]"]) + 1
        page = [{"id": first + i, "reference_id": token, "sender": API_KEY} for i in range(15)]
        return httpx.Response(200, json={"data": page, "total": 10**6, "note": leaky})

    login_refused = echo(422, json={"message": f"Invalid key {API_KEY}", "api_key": API_KEY, "errors": [API_KEY]})

    return {
        errors.CannotReachServer: (raising(httpx.ConnectError, leaky), balance, {}),
        errors.RequestTimedOut: (raising(httpx.ReadTimeout, leaky), balance, {}),
        errors.ConnectionLost: (raising(httpx.RemoteProtocolError, leaky), balance, {}),
        errors.OutcomeUnknown: (raising(httpx.ReadTimeout, leaky), send, {}),
        errors.KeyRefused: (echo(401, json=body), balance, {}),
        errors.MissingKey: (echo(200), balance, {"key": None}),
        errors.AccessDenied: (echo(403, json=body), balance, {}),
        errors.Rejected: (echo(422, json=body), send, {}),
        errors.InvalidCampaignStatus: (
            echo(422, json={**body, "message": "Invalid campaign status"}),
            lambda c: c.stop_campaign(1),
            {},
        ),
        errors.DuplicateRequest: (echo(429, json=body), send, {}),
        errors.NotFound: (echo(404, json=body), lambda c: c.get_campaign(1), {}),
        errors.ServerError: (echo(500, html=f"<pre>{leaky}</pre>"), balance, {}),
        errors.UnexpectedResponse: (echo(200, text=leaky), balance, {}),
        errors.TooManyMessages: (endless, listing, {}),
        "login refused": (echo(200), balance, {"login": login_refused}),
    }


def test_every_error_class_has_a_secret_scenario():
    assert set(ERROR_CLASSES) - {errors.ApiError} <= set(scenarios(JWT))


@pytest.mark.parametrize("token", [JWT, OPAQUE_TOKEN], ids=["jwt", "opaque"])
@pytest.mark.parametrize("expected", list(scenarios(JWT)), ids=lambda e: getattr(e, "__name__", str(e)))
def test_no_secret_in_any_error(expected, token):
    route, action, options = scenarios(token)[expected]
    with make_client(route, token=token, **options) as client, pytest.raises(errors.ApiError) as caught:
        action(client)
    exc = caught.value
    assert type(exc) is (errors.KeyRefused if expected == "login refused" else expected)
    texts = [str(exc), exc.details, repr(exc), repr(vars(exc)), str(exc.args), repr(client)]
    for secret in (API_KEY, token):
        for text in texts:
            assert secret not in text
    assert exc.details
