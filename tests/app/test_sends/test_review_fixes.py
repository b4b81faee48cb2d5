"""Fixes from a review of the test sends and the numbering plans: the plans count as loaded only once
loading has finished, and a paid request's write timeout is not worded as a wait for an answer."""

from __future__ import annotations

import threading

import httpx
import pytest

from app.api import OutcomeUnknown, WwtClient
from app.campaign import phone_numbers


def test_the_plans_are_loaded_only_once_loading_has_finished(monkeypatch):
    """An import begun on the warm-up worker puts ``phonenumbers`` in ``sys.modules`` at once: a check on
    the GUI thread then would wait for the rest of the import."""
    monkeypatch.setattr(phone_numbers, "_loaded", threading.Event())
    import phonenumbers  # noqa: F401 (as if the worker's import had begun)

    assert not phone_numbers.plans_loaded()
    phone_numbers.load_plans()
    assert phone_numbers.plans_loaded()


def test_a_write_timeout_of_a_paid_request_is_not_said_as_no_answer_in_the_deadline():
    """A write timeout comes after the write limit, not the answer's deadline: its words do not name one."""

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/api/auth/login":
            return httpx.Response(200, json={"bearer": "token"})
        raise httpx.WriteTimeout("timed out", request=request)

    client = WwtClient("https://one-api.example.test", "live_key", transport=httpx.MockTransport(handler))
    with client, pytest.raises(OutcomeUnknown) as caught:
        client.send_campaign({"groups": [1], "sender": "Shop", "options": {"text": "Hi"}})
    assert "within" not in str(caught.value) and "may have been created" in str(caught.value)
