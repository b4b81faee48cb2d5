"""An address that answers like an ordinary web site is said to be no WWT.world server (not "the server had
a problem"), except for a send, whose unknown outcome stays unknown; a server's summary of its own
reasons is not said twice."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from app.api import errors
from app.api.client import WwtClient

BASE_URL = "https://shop.example.test"
LOGIN = "/api/auth/login"
BODY = {"groups": [1], "sender": "Agent", "options": {"text": "Spring sale"}}
PAGE = "<!doctype html><html><body>Welcome to our shop</body></html>"


def html(status: int = 200) -> httpx.Response:
    return httpx.Response(status, text=PAGE, headers={"Content-Type": "text/html"})


def failure(
    handler: Callable[[httpx.Request], httpx.Response], action: Callable[[WwtClient], object]
) -> errors.ApiError:
    client = WwtClient(BASE_URL, lambda: "live_key_0123456789", transport=httpx.MockTransport(handler))
    with client, pytest.raises(errors.ApiError) as caught:
        action(client)
    return caught.value


def logged_in(other: Callable[[httpx.Request], httpx.Response]) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == LOGIN:
            return httpx.Response(200, json={"bearer": "token"})
        return other(request)

    return handler


@pytest.mark.parametrize("status", [200, 405, 501])
def test_a_web_page_answering_the_login_is_no_wwt_server(status):
    error = failure(lambda request: html(status), lambda client: client.list_groups())
    assert error.user_message == errors.NOT_WWT_SERVER
    assert "does not look like WWT.world's server" in error.user_message
    assert "had a problem" not in error.user_message


def test_a_web_page_answering_a_read_is_no_wwt_server():
    error = failure(logged_in(lambda request: html()), lambda client: client.get_campaign(5))
    assert error.user_message == errors.NOT_WWT_SERVER and not error.outcome_unknown


def test_a_web_page_answering_a_send_keeps_the_outcome_unknown():
    error = failure(logged_in(lambda request: html()), lambda client: client.send_campaign(BODY))
    assert error.outcome_unknown and "may have been created" in error.user_message


def test_json_of_another_shape_is_not_called_a_web_site():
    error = failure(logged_in(lambda request: httpx.Response(200, json={"items": []})), lambda c: c.get_campaign(5))
    assert error.user_message == errors.UnexpectedResponse.default_message


def test_a_real_server_error_is_still_the_servers_problem():
    error = failure(logged_in(lambda request: html(502)), lambda client: client.get_campaign(5))
    assert error.user_message == errors.ServerError.default_message


def test_laravels_summary_of_the_first_reason_is_not_said_again():
    answer = {
        "message": "The selected groups.0 is invalid. (and 1 more error)",
        "errors": {"groups.0": ["The selected groups.0 is invalid."], "sender": ["The sender is required."]},
    }
    error = failure(logged_in(lambda request: httpx.Response(422, json=answer)), lambda c: c.send_campaign(BODY))
    assert str(error) == (
        "The server did not accept the campaign:\n• The selected groups.0 is invalid.\n• The sender is required."
    )
