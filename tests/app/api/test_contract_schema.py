"""The project's own schema of the send-groups request (app/api/schemas/send_groups.schema.json).

Every check here runs against that schema, always. One test (the last) also compares it with the official
One-API contract, ``SendRcsCampaignGroups`` in ``../shared/contract/one-api-openapi.yaml``, which is not
copied into the project: it is skipped, saying so, when the contract is not beside the checkout
(``RCS_DESK_CONTRACT_DIR`` points elsewhere). tests/conftest.py checks every body the other tests send.
"""

from __future__ import annotations

import copy
import json
import os
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from app.api.schemas import load_schema
from app.campaign import limits
from app.campaign.model import Campaign
from app.validation import has_errors, validate_request
from helpers.campaign_strategies import NOW, campaigns
from helpers.documented import documented_example
from helpers.request_schema import precise_errors, request_path, send_groups

CONTRACT_DIR = Path(
    os.environ.get("RCS_DESK_CONTRACT_DIR") or Path(__file__).resolve().parents[4] / "shared" / "contract"
)
CONTRACT = CONTRACT_DIR / "one-api-openapi.yaml"
CONTRACT_SCHEMA = "SendRcsCampaignGroups"
SEND = "/api/campaigns/rcs/send-groups"


@pytest.fixture(scope="module")
def schema():
    return send_groups()


def text_only_example() -> dict:
    return {
        "groups": [1864619],
        "sender": "rcs_sender",
        "options": {"text": "Hello! ☺️ Sale today only."},
        "alternative_channel": {"sms": {"text": "Hello! Sale today only.", "sender": "testsms"}},
    }


def sending_body(request: dict) -> dict:
    return Campaign.from_request(copy.deepcopy(request)).to_request(for_sending=True)


EXAMPLE_NOW = datetime(2025, 1, 20, 8, 0, tzinfo=UTC)


# --- the schema itself ------------------------------------------------------------------------------


def test_the_schema_ships_with_the_package_and_is_json_schema_2020_12(schema):
    assert files("app.api.schemas").joinpath("send_groups.schema.json").is_file()  # package data
    assert schema.schema == load_schema("send_groups")
    assert schema.schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema.schema["required"] == ["groups", "sender", "options"]
    assert "x-utf16MaxLength" in json.dumps(schema.schema)  # the server counts UTF-16 units


def _node(schema: dict, *path: str) -> dict:
    """The subschema at ``path`` (property names, ``items``, ``$defs`` names), following local ``$ref``s."""
    node = schema
    for step in path:
        while "$ref" in node:
            node = _pointer(schema, node["$ref"])
        node = node[step]
    while "$ref" in node:
        node = _pointer(schema, node["$ref"])
    return node


def _pointer(root: dict, ref: str) -> dict:
    assert ref.startswith("#/"), ref
    node: Any = root
    for part in ref[2:].split("/"):
        node = node[part]
    return node


def _ours(schema: dict) -> dict[str, dict]:
    """Our schema's nodes by the names the comparison uses."""
    text_variant, cards_variant = _node(schema, "$defs", "options")["oneOf"]
    link_rule, call_rule = _node(schema, "$defs", "suggestion")["allOf"]
    return {
        "top": schema,
        "groups": _node(schema, "properties", "groups"),
        "sender": _node(schema, "properties", "sender"),
        "validity": _node(schema, "properties", "validity"),
        "tariff_code": _node(schema, "properties", "tariff_code"),
        "text": text_variant["properties"]["text"],
        "cards": cards_variant["properties"]["cards"],
        "card": _node(schema, "$defs", "card"),
        "title": _node(schema, "$defs", "card", "properties", "title"),
        "card_text": _node(schema, "$defs", "card", "properties", "text"),
        "media": _node(schema, "$defs", "card", "properties", "media"),
        "media_url": _node(schema, "$defs", "card", "properties", "media", "properties", "url"),
        "suggestions": _node(schema, "$defs", "card", "properties", "suggestions"),
        "suggestion": _node(schema, "$defs", "suggestion"),
        "button_text": _node(schema, "$defs", "suggestion", "properties", "text"),
        "postback_data": _node(schema, "$defs", "suggestion", "properties", "postback_data"),
        "link_url": _node(schema, "$defs", "web_address"),
        "link_required": {
            "required": sorted([*_node(schema, "$defs", "suggestion")["required"], *link_rule["then"]["required"]])
        },
        "call_required": {
            "required": sorted([*_node(schema, "$defs", "suggestion")["required"], *call_rule["then"]["required"]])
        },
        "sms": _node(schema, "$defs", "sms"),
        "sms_text": _node(schema, "$defs", "sms", "properties", "text"),
        "sms_validity": _node(schema, "$defs", "sms", "properties", "validity"),
        "start_at": _node(schema, "$defs", "start_at"),
    }


def test_every_limit_in_the_schema_is_the_one_in_limits_py(schema):
    """The schema and the app's checks (app/campaign/limits.py) must not drift apart."""
    ours = _ours(schema.schema)
    expected = {
        ("groups", "minItems"): limits.GROUPS_MIN,
        ("groups", "maxItems"): limits.GROUPS_MAX,
        ("sender", "minLength"): limits.SENDER_MIN,
        ("sender", "maxLength"): limits.SENDER_MAX,
        ("sender", "x-utf16MaxLength"): limits.SENDER_MAX,
        ("validity", "minimum"): limits.VALIDITY_MIN_HOURS,
        ("validity", "maximum"): limits.VALIDITY_MAX_HOURS,
        ("text", "maxLength"): limits.TEXT_MESSAGE_MAX,
        ("text", "x-utf16MaxLength"): limits.TEXT_MESSAGE_MAX,
        ("cards", "minItems"): limits.CARDS_MIN,
        ("cards", "maxItems"): limits.CARDS_MAX,
        ("title", "maxLength"): limits.CARD_TITLE_MAX,
        ("title", "x-utf16MaxLength"): limits.CARD_TITLE_MAX,
        ("card_text", "maxLength"): limits.CARD_TEXT_MAX,
        ("card_text", "x-utf16MaxLength"): limits.CARD_TEXT_MAX,
        ("link_url", "maxLength"): limits.URL_MAX,
        ("link_url", "x-utf16MaxLength"): limits.URL_MAX,
        ("suggestions", "maxItems"): limits.SUGGESTIONS_MAX,
        ("button_text", "maxLength"): limits.SUGGESTION_TEXT_MAX,
        ("button_text", "x-utf16MaxLength"): limits.SUGGESTION_TEXT_MAX,
        ("postback_data", "maxLength"): limits.POSTBACK_DATA_MAX,
        ("postback_data", "x-utf16MaxLength"): limits.POSTBACK_DATA_MAX,
        ("sms_text", "maxLength"): max(limits.SMS_GSM7_MAX, limits.SMS_UCS2_MAX),
        ("sms_text", "x-smsMaxLength"): {"GSM-7": limits.SMS_GSM7_MAX, "UCS-2": limits.SMS_UCS2_MAX},
        ("sms_validity", "minimum"): limits.VALIDITY_MIN_HOURS,
        ("sms_validity", "maximum"): limits.VALIDITY_MAX_HOURS,
        ("start_at", "minLength"): len(datetime(2025, 1, 25, 9).strftime(limits.START_AT_FORMAT)),
    }
    assert {key: ours[key[0]].get(key[1]) for key in expected} == expected
    assert ours["media_url"] is ours["link_url"]  # one rule for every web address
    phone = _node(schema.schema, "$defs", "suggestion")["allOf"][1]["then"]["properties"]["phone"]
    assert phone["pattern"] == f"^[0-9]{{{limits.CALL_PHONE_MIN_DIGITS},{limits.CALL_PHONE_MAX_DIGITS}}}$"
    sender = _node(schema.schema, "$defs", "sms", "properties", "sender")["pattern"]
    assert f"{{{limits.SMS_SENDER_ALNUM_MIN},{limits.SMS_SENDER_ALNUM_MAX}}}" in sender
    assert f"{{{limits.SMS_SENDER_DIGITS_MIN},{limits.SMS_SENDER_DIGITS_MAX}}}" in sender
    assert ours["link_url"]["pattern"] == "^[Hh][Tt][Tt][Pp][Ss]?://" and limits.URL_SCHEMES == ("http", "https")


# --- bodies against the schema ----------------------------------------------------------------------


def test_documented_example_matches_the_schema(schema):
    body = sending_body(documented_example())
    assert [b["type"] for card in body["options"]["cards"] for b in card["suggestions"]] == [
        "link",
        "link",
        "call",
        "link",
    ]
    assert schema.errors(body) == []


def test_documented_example_passes_our_validation():
    problems = validate_request(documented_example(), time_zone="Europe/Kyiv", now=EXAMPLE_NOW)
    assert not has_errors(problems), problems
    assert problems == []


def test_text_only_request_matches_the_schema(schema):
    body = sending_body(text_only_example())
    assert schema.errors(body) == []
    assert validate_request(text_only_example(), time_zone="UTC", now=EXAMPLE_NOW) == []


def test_buttons_without_type_do_not_match_the_schema(schema):
    """Why ``for_sending`` adds ``type``: the newest official schema requires it, and so does ours."""
    body = Campaign.from_request(documented_example()).to_request()
    assert schema.errors(body) == [
        f"options.cards[{index}].suggestions[0]: 'type' is a required property" for index in range(4)
    ]


def _card(request: dict, index: int = 0) -> dict:
    return request["options"]["cards"][index]


@pytest.mark.parametrize(
    ("breakage", "where"),
    [
        (lambda r: r.update(validity=73), "validity"),
        (lambda r: r.update(groups=[]), "groups"),
        (lambda r: r.update(groups=list(range(1, limits.GROUPS_MAX + 2))), "groups"),
        (lambda r: _card(r)["suggestions"][0].update(text="x" * 26), "options.cards[0].suggestions[0].text"),
        (lambda r: _card(r)["suggestions"][0].update(text="😀" * 13), "options.cards[0].suggestions[0].text"),
        (lambda r: r.update(sender=""), "sender"),
        (lambda r: r.update(sender="😀" * 20 + "x"), "sender"),
        (lambda r: r.update(options={"text": ""}), "options.text"),
        (lambda r: r.update(options={"text": "😀" * 80 + "x"}), "options.text"),
        (lambda r: r["options"].update(text="Both"), "options"),
        (lambda r: r["options"]["cards"].extend([_card(r)] * 2), "options.cards"),
        (lambda r: _card(r)["suggestions"].extend(_card(r, 1)["suggestions"] * 2), "options.cards[0].suggestions"),
        (
            lambda r: _card(r, 2)["suggestions"][0].update(phone="+380 66 12"),  # too short, even as digits
            "options.cards[2].suggestions[0].phone",
        ),
        (lambda r: _card(r)["media"].update(url="ftp://domain.com/a.png"), "options.cards[0].media.url"),
        (lambda r: _card(r).update(title="t" * 201), "options.cards[0].title"),
        (lambda r: _card(r).pop("media") and _card(r).pop("text"), "options.cards[0]"),
        (lambda r: r.update(start_at="2025-01-25T09:00:00"), "start_at"),
        (lambda r: r["alternative_channel"]["sms"].update(sender="ab"), "alternative_channel.sms.sender"),
        (lambda r: r["alternative_channel"]["sms"].update(text="я" * 336), "alternative_channel.sms.text"),
        (lambda r: r["alternative_channel"]["sms"].update(text="{" * 383), "alternative_channel.sms.text"),
        (lambda r: r.update(check_stop_list="yes"), "check_stop_list"),
        (lambda r: r.update(tariff_code="nine"), "tariff_code"),
    ],
)
def test_schema_and_validation_both_refuse_broken_requests(schema, breakage, where):
    request = documented_example()
    breakage(request)
    errors = schema.errors(sending_body(request))
    assert errors and all(error.startswith(where) for error in errors), errors
    problems = validate_request(request, time_zone="Europe/Kyiv", now=EXAMPLE_NOW)
    assert any(p.is_error and p.path.startswith(where) for p in problems), problems


def test_sms_limits_follow_the_encoding(schema):
    """765 GSM-7 septets fit (``{`` counts two), and 335 UCS-2 units (one page says 355: 335 is used)."""
    request = documented_example()
    for text in ("a" * 765, "я" * 335, "{" * 382 + "a"):
        request["alternative_channel"]["sms"]["text"] = text
        assert schema.errors(sending_body(request)) == [], text


def is_under(path: str, parent: str) -> bool:
    return not parent or path == parent or path.startswith((parent + ".", parent + "["))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(request=campaigns)
def test_what_the_schema_refuses_our_validation_refuses_at_the_same_place(schema, request):
    """Our checks are at least as strict as our schema, field by field: each place the schema
    refuses holds one of our errors, in it or around it, so nothing we let through is refused."""
    errors = [p.path for p in validate_request(request, time_zone="Europe/Berlin", now=NOW) if p.is_error]
    for error in schema.iter_errors(sending_body(request)):
        for leaf in precise_errors(error):
            where = request_path(leaf.absolute_path)
            assert any(is_under(path, where) or (path and is_under(where, path)) for path in errors), (
                where,
                leaf.message,
                errors,
            )


# --- the one comparison with the official contract ----------------------------------------------------


def _load_contract() -> dict:
    yaml = pytest.importorskip("yaml")

    class SpecLoader(yaml.SafeLoader):
        """SafeLoader without the ``=`` (tag:yaml.org,2002:value) resolver the spec trips over."""

    SpecLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:value"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    with CONTRACT.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=SpecLoader)


def _openapi_to_json_schema(node: Any) -> Any:
    """Translate OpenAPI 3.0 ``nullable: true`` into ``anyOf [..., {"type": "null"}]``, recursively."""
    if isinstance(node, list):
        return [_openapi_to_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _openapi_to_json_schema(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable") is True:
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def _theirs(spec: dict) -> dict[str, dict]:
    """The contract's nodes by the names the comparison uses, found from SendRcsCampaignGroups by ``$ref``."""

    def deref(node: dict) -> dict:
        while "$ref" in node or (len(node.get("oneOf", [])) == 1 and "properties" not in node):
            node = _pointer(spec, node["$ref"]) if "$ref" in node else node["oneOf"][0]
        return node

    top = spec["components"]["schemas"][CONTRACT_SCHEMA]
    props = top["properties"]
    variants = [deref(v) for v in deref(props["options"]).get("anyOf") or deref(props["options"])["oneOf"]]
    [text_variant] = [v for v in variants if "text" in v.get("properties", {})]
    [cards_variant] = [v for v in variants if "cards" in v.get("properties", {})]
    cards = cards_variant["properties"]["cards"]
    card = deref(cards["items"])
    buttons = [deref(b) for b in deref(card["properties"]["suggestions"]["items"])["oneOf"]]
    [link] = [b for b in buttons if b["properties"]["type"]["enum"] == ["link"]]
    [call] = [b for b in buttons if b["properties"]["type"]["enum"] == ["call"]]
    sms = deref(deref(deref(props["alternative_channel"])["properties"]["sms"]))
    return {
        "top": top,
        "groups": props["groups"],
        "sender": deref(props["sender"]),
        "validity": deref(props["validity"]),
        "tariff_code": deref(props["tariff_code"]),
        "text": text_variant["properties"]["text"],
        "cards": cards,
        "card": card,
        "title": card["properties"]["title"],
        "card_text": card["properties"]["text"],
        "media": deref(card["properties"]["media"]),
        "media_url": deref(card["properties"]["media"])["properties"]["url"],
        "suggestions": card["properties"]["suggestions"],
        "button_text": link["properties"]["text"],
        "postback_data": link["properties"]["postback_data"],
        "link_url": link["properties"]["url"],
        "link_required": {"required": sorted(link["required"])},
        "call_required": {"required": sorted(call["required"])},
        "sms": sms,
        "sms_text": sms["properties"]["text"],
        "sms_validity": sms["properties"]["validity"],
        "start_at": deref(props["start_at"]),
    }


# Where we are stricter than the contract, and the line of wwt-api.md that says so.
STRICTER = {
    ("cards", "maxItems"): "section 4: the page says at most 5 cards; the schema allows 10: use 5",
    ("suggestions", "maxItems"): "section 4: at most 2 per card (the page says 2, the schema 4: use 2)",
}
# Members of the contract's SMS fallback that wwt-api.md section 5 does not list for send-groups.
NOT_DOCUMENTED_FOR_SEND_GROUPS = {"validity_seconds"}


@pytest.mark.slow  # reading the contract's YAML takes about 2 s
def test_our_schema_agrees_with_the_official_contract(schema, server_api):
    """Same members, same required ones, the same limits (or stricter where wwt-api.md says so); the
    contract's own example requests fit our schema once the app has added each button's type, and the
    sandbox accepts them; the bodies our schema is written for fit the contract."""
    if not CONTRACT.is_file():
        pytest.skip("the official contract is not beside this checkout (../shared/contract)")
    spec = _load_contract()
    ours, theirs = _ours(schema.schema), _theirs(spec)

    assert set(ours["top"]["properties"]) == set(theirs["top"]["properties"])
    assert set(ours["sms"]["properties"]) == set(theirs["sms"]["properties"]) - NOT_DOCUMENTED_FOR_SEND_GROUPS
    for name in ("top", "sms", "media", "link_required", "call_required"):
        assert sorted(ours[name]["required"]) == sorted(theirs[name]["required"]), name
    for name in ("tariff_code", "validity", "sender"):
        assert ours[name]["type"] == theirs[name]["type"], name
    assert (
        ours["groups"]["items"]["type"]
        == _node(spec, "components", "schemas", CONTRACT_SCHEMA, "properties", "groups", "items")["type"]
    )

    keywords = ("minItems", "maxItems", "minLength", "maxLength", "minimum", "maximum")
    for name in theirs:
        for keyword in keywords:
            if keyword not in theirs[name]:
                continue
            mine, official = ours[name].get(keyword), theirs[name][keyword]
            if (name, keyword) in STRICTER:
                assert mine is not None and mine < official, (name, keyword, mine, official)
            else:
                assert mine == official, (name, keyword, mine, official)
    assert theirs["start_at"]["format"] == "date-time"  # wwt-api.md: every example uses "yyyy-mm-dd hh:mm:ss"

    # The contract's own example requests, in the form the app sends them.
    import jsonschema

    components = _openapi_to_json_schema(spec["components"])
    official = jsonschema.Draft202012Validator(
        {"$ref": f"#/components/schemas/{CONTRACT_SCHEMA}", "components": components}
    )
    examples = spec["paths"][SEND]["post"]["requestBody"]["content"]["application/json"]["examples"]
    assert {"simple_text", "full"} <= set(examples)
    for name, example in examples.items():
        body = sending_body(json.loads(json.dumps(example["value"], default=str)))
        assert schema.errors(body) == [], name
        assert list(official.iter_errors(body)) == [], name
        body["groups"] = [server_api.list_id]  # the account's own list and registered sender stand in
        if "start_at" in body:
            body["start_at"] = "2025-04-20 09:00:00"
        if "alternative_channel" in body:
            body["alternative_channel"]["sms"]["sender"] = "WWTshop"
        answer = server_api.send(body)
        assert answer.status == 200, (name, answer.text)

    # What our schema is written for fits the contract too (formats are not checked: see start_at).
    for body in (sending_body(documented_example()), sending_body(text_only_example())):
        assert schema.errors(body) == []
        assert [e.message for e in official.iter_errors(body)] == []


class _SandboxApi:
    """A logged-in caller of a sandbox whose clock stands still on 14 April 2025."""

    def __init__(self) -> None:
        from app.sandbox import DEMO_API_KEY, SandboxServer
        from app.sandbox.demo_data import FIRST_LIST_ID

        self.server = SandboxServer(clock=lambda: datetime(2025, 4, 14, 10, tzinfo=UTC), time_zone="Europe/Kyiv")
        self.list_id = FIRST_LIST_ID + 2  # "VIP customers": 240 contacts
        login = self.server.handle("POST", "/api/auth/login", {}, json.dumps({"api_key": DEMO_API_KEY}).encode())
        self.headers = {"Authorization": f"Bearer {login.json()['bearer']}", "Content-Type": "application/json"}

    def send(self, body: dict):
        return self.server.handle("POST", SEND, self.headers, json.dumps(body).encode())


@pytest.fixture
def server_api() -> _SandboxApi:
    return _SandboxApi()
