"""A server's refusal is said once per reason, in words, with the value refused; the lines at a field keep
the ``error: PATH: PLACE: MESSAGE`` form of ``validate``."""

from __future__ import annotations

import json
from argparse import Namespace
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from app import api
from app.cli import main
from app.cli.common import report_failure
from app.validation.server_words import server_problem_message, server_problems, value_at


def campaign_file(tmp_path: Path, *, groups: list[int], sms_sender: str = "WWTshop") -> Path:
    request = {
        "groups": groups,
        "sender": "WWT Shop",
        "options": {"text": "Spring sale: -30% on sneakers"},
        "alternative_channel": {"sms": {"text": "Spring sale: -30%", "sender": sms_sender}},
    }
    path = tmp_path / "campaign.rcs.json"
    data = {"format": "rcs-desk.campaign", "version": 1, "time_zone": "UTC", "request": request}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def refusal(tmp_path, capsys, **fields) -> list[str]:
    """What is said on stderr from the refusal on (before it: what would be sent, and its price)."""
    assert main(["send", str(campaign_file(tmp_path, **fields)), "--yes"]) == 2
    lines = capsys.readouterr().err.splitlines()
    return lines[lines.index("The server did not accept the campaign:") :]


def test_a_list_not_in_the_account_is_said_once_by_its_number(sandbox, tmp_path, capsys):
    """Said before anything is sent (the lists are read before the question), in the refusal's words."""
    assert main(["send", str(campaign_file(tmp_path, groups=[999])), "--yes"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines == [
        "error: groups[0]: Recipients: Contact list 999 is not in this account.",
        "Nothing was sent: correct the errors above first.",
    ]


def test_the_servers_refusal_of_a_list_is_said_once_by_its_number():
    """The words of the server's own refusal of a list (a list deleted between the look-up and the send)."""
    body = {"groups": [999]}
    assert server_problem_message("groups[0]", "The selected groups.0 is invalid.", body) == (
        "Contact list 999 is not in this account."
    )


def test_an_sms_sender_not_in_the_account_is_said_by_its_name(sandbox, tmp_path, capsys):
    lines = refusal(tmp_path, capsys, groups=[1864603], sms_sender="380441234567")
    assert lines[1:] == [
        (
            "error: alternative_channel.sms.sender: SMS fallback: "
            "The SMS sender '380441234567' is not one of your account's senders."
        )
    ]


def test_a_message_naming_no_field_is_listed_once(monkeypatch):
    refused = api.Rejected(
        "The server did not accept the campaign:\n• Insufficient funds",
        server_message="The given data was invalid.",
        general_errors=["Insufficient funds", "Insufficient funds"],
    )
    lines: list[str] = []
    monkeypatch.setattr("app.cli.common.say", lines.append)
    assert report_failure(refused, Namespace(demo=False, verbose=False, api_url=None)) == 2
    assert lines == ["The server did not accept the campaign:", "• Insufficient funds"]


def test_words_without_the_request_still_say_what_is_wrong():
    assert server_problem_message("groups[2]", "The selected groups.2 is invalid.") == (
        "This contact list is not in this account."
    )
    assert server_problem_message("sender", "The selected sender is invalid.", {"sender": "Shop"}) == (
        "The RCS agent 'Shop' is not one of your account's agents."
    )
    assert server_problem_message("options.cards[0].text", "The options.cards.0.text is required.") == (
        "The text is required."
    )


def test_the_same_reason_at_the_same_field_is_one_problem():
    problems = server_problems({"groups[0]": ["The selected groups.0 is invalid."] * 2}, {"groups": [5]})
    assert [p.message for p in problems] == ["Contact list 5 is not in this account."]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=20,
)


@given(body=json_values, path=st.text(max_size=60), message=st.text(max_size=200))
def test_any_refusal_is_said_without_failing(body, path, message):
    value_at(body, path)
    said = server_problem_message(path, message, body if isinstance(body, dict) else None)
    assert isinstance(said, str)
