"""The server's failures said in Ukrainian (issue 13): in the language chosen when the error is made, not
the one of the moment the module was imported; the words naming the server address kept whole."""

from __future__ import annotations

import httpx
import pytest

from app.api import errors
from app.api.client import WwtClient
from app.api.responses import NOT_A_WWT_SERVER, Call, error_from_response
from app.language import tr, use_language

BASE_URL = "https://one-api.example.test"


def _read_call(item: str | None = None) -> Call:
    return Call("GET", "/api/groups/5", "read", httpx.Timeout(5.0), 5.0, item=item)


def test_an_error_speaks_the_language_chosen_when_it_is_made(ukrainian):
    assert str(errors.ServerError()).startswith("На сервері WWT.world стався збій")
    assert str(errors.OutcomeUnknown()).endswith("перевірте список кампаній, перш ніж надсилати її знову.")
    use_language("en")
    assert str(errors.ServerError()) == errors.ServerError.default_message


def test_every_message_naming_the_server_address_holds_its_words_whole(ukrainian):
    # The command line replaces these words with where its address came from (--api-url, RCS_DESK_API_URL).
    address = tr(errors.SETTINGS_ADDRESS)
    assert address == "адреса сервера в налаштуваннях"
    with WwtClient("not an address", "live_key_0123456789") as client, pytest.raises(errors.CannotReachServer) as bad:
        client.login()
    for message in (
        str(errors.CannotReachServer()),
        tr(errors.NOT_WWT_SERVER),
        tr(NOT_A_WWT_SERVER),
        str(bad.value),
    ):
        assert address in message, message


def test_a_missing_contact_list_is_named_as_one(ukrainian):
    error = error_from_response(httpx.Response(404), _read_call("contact list"), ())
    assert str(error).startswith("Цей список контактів не знайдено на сервері.")


def test_reasons_past_the_fifth_are_counted(ukrainian):
    reasons = [f"Reason {number}." for number in range(8)]
    answer = httpx.Response(422, json={"message": "The given data was invalid.", "errors": reasons})
    lines = str(error_from_response(answer, _read_call(), ())).splitlines()
    assert lines[0] == "Сервер не прийняв цей запит:"
    assert lines[-1] == "• …і ще 3"
