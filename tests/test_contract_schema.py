"""Request bodies we build against the official OpenAPI schema ``SendRcsCampaignGroups``.

The spec lives beside the project in ``shared/contract/`` and is not copied into it; these tests
skip with a reason when it is absent. OpenAPI 3.0 ``nullable`` is translated to JSON Schema; formats
are not checked (the spec says ``date-time`` for ``start_at`` while every example and the server
use ``"yyyy-mm-dd hh:mm:ss"``).
"""

from __future__ import annotations

import copy
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from app.campaign.model import Campaign
from app.validation import has_errors, validate_request
from campaign_strategies import NOW, campaigns

yaml = pytest.importorskip("yaml")
jsonschema = pytest.importorskip("jsonschema")

SPEC = Path(__file__).resolve().parents[2] / "shared" / "contract" / "one-api-openapi.yaml"
SCHEMA_NAME = "SendRcsCampaignGroups"


class _SpecLoader(yaml.SafeLoader):
    """SafeLoader without the ``=`` (tag:yaml.org,2002:value) resolver the spec trips over."""


_SpecLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:value"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


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


class Contract:
    """The compiled schema, with a short repr (Hypothesis prints its arguments on failure)."""

    def __init__(self, validator) -> None:
        self.validator = validator

    def iter_errors(self, body: dict):
        return self.validator.iter_errors(body)

    def __repr__(self) -> str:
        return f"Contract({SCHEMA_NAME})"


@pytest.fixture(scope="module")
def validator():
    if not SPEC.is_file():
        pytest.skip(f"the One-API contract is not beside the project (looked for {SPEC})")
    with SPEC.open(encoding="utf-8") as stream:
        spec = yaml.load(stream, Loader=_SpecLoader)
    components = _openapi_to_json_schema(spec["components"])
    assert SCHEMA_NAME in components["schemas"]
    # A root that holds the components, so that "#/components/schemas/..." references resolve.
    root = {"$ref": f"#/components/schemas/{SCHEMA_NAME}", "components": components}
    return Contract(jsonschema.Draft202012Validator(root))


def schema_errors(validator, body: dict) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(body)]


def documented_example() -> dict:
    """Section 3's example request, its "string" placeholders replaced by real values; no button types."""
    return {
        "groups": [0],
        "sender": "Agent Name",
        "options": {
            "cards": [
                {
                    "text": "Go to site",
                    "media": {"url": "https://domain.com/"},
                    "suggestions": [{"text": "Go to site", "url": "https://domain.com/"}],
                },
                {
                    "text": "Our spring collection",
                    "media": {"url": "https://cdn.domain.com/spring.jpg"},
                    "suggestions": [{"text": "See more", "url": "https://domain.com/spring"}],
                },
                {
                    "text": "Visit our store",
                    "media": {"url": "https://cdn.domain.com/store.png"},
                    "suggestions": [{"text": "Call the store", "phone": "380661231231"}],
                },
                {
                    "title": "Opening hours",
                    "text": "Every day 9:00-21:00",
                    "media": {"url": "https://cdn.domain.com/tour.mp4"},
                    "suggestions": [{"text": "Directions", "url": "https://domain.com/map"}],
                },
            ]
        },
        "alternative_channel": {
            "sms": {"text": "Hello, world!", "sender": "DomainShop", "validity": 72, "check_stop_list": True}
        },
        "start_at": "2025-01-25 09:00:00",
        "tariff_code": 0,
        "validity": 72,
        "add_to_contact_book": True,
        "check_stop_list": True,
    }


def text_only_example() -> dict:
    return {
        "groups": [1864619],
        "sender": "rcs_sender",
        "options": {"text": "Hello! ☺️ Sale today only."},
        "alternative_channel": {"sms": {"text": "Hello! Sale today only.", "sender": "testsms"}},
    }


def sending_body(request: dict) -> dict:
    return Campaign.from_request(copy.deepcopy(request)).to_request(for_sending=True)


EXAMPLE_NOW = datetime(2025, 1, 20, 8, 0, tzinfo=timezone.utc)


def test_documented_example_matches_the_schema(validator):
    body = sending_body(documented_example())
    assert [b["type"] for card in body["options"]["cards"] for b in card["suggestions"]] == [
        "link",
        "link",
        "call",
        "link",
    ]
    assert schema_errors(validator, body) == []


def test_documented_example_passes_our_validation():
    problems = validate_request(documented_example(), time_zone="Europe/Kyiv", now=EXAMPLE_NOW)
    assert not has_errors(problems), problems
    assert problems == []


def test_text_only_request_matches_the_schema(validator):
    body = sending_body(text_only_example())
    assert schema_errors(validator, body) == []
    assert validate_request(text_only_example(), time_zone="UTC", now=EXAMPLE_NOW) == []


def test_buttons_without_type_do_not_match_the_newest_schema(validator):
    """Why ``for_sending`` adds ``type``: the 2026-03 schema requires it."""
    body = Campaign.from_request(documented_example()).to_request()
    assert schema_errors(validator, body)


@pytest.mark.parametrize(
    "breakage",
    [
        lambda r: r.update(validity=73),
        lambda r: r.update(groups=[]),
        lambda r: r["options"]["cards"][0]["suggestions"][0].update(text="x" * 26),
        lambda r: r.update(sender=""),
        lambda r: r.update(options={"text": ""}),
    ],
)
def test_schema_and_validation_both_refuse_broken_requests(validator, breakage):
    request = documented_example()
    breakage(request)
    assert schema_errors(validator, sending_body(request))
    assert has_errors(validate_request(request, time_zone="Europe/Kyiv", now=EXAMPLE_NOW))


def request_path(parts) -> str:
    """A schema error's location in our path notation: ``options.cards[0].text``."""
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else part)
    return path


def is_under(path: str, parent: str) -> bool:
    return not parent or path == parent or path.startswith((parent + ".", parent + "["))


def _wrong_shape(sub) -> bool:
    """An error saying the branch does not describe this value at all (not a deeper mistake)."""
    depth = len(sub.relative_path)
    return (sub.validator in ("required", "type") and depth == 0) or (sub.validator == "enum" and depth <= 1)


def precise_errors(error) -> list:
    """Descend into ``anyOf``/``oneOf`` when exactly one branch has the right shape (its required
    members, type and discriminating enum fit): its errors say precisely where the request is wrong."""
    if error.validator not in ("anyOf", "oneOf") or not error.context:
        return [error]
    branches: dict[int, list] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    fitting = [
        index
        for index in range(len(error.validator_value))
        if not any(_wrong_shape(sub) for sub in branches.get(index, []))
    ]
    if len(fitting) != 1 or fitting[0] not in branches:
        return [error]
    return [leaf for sub in branches[fitting[0]] for leaf in precise_errors(sub)]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(request=campaigns)
def test_what_the_schema_refuses_our_validation_refuses_at_the_same_place(validator, request):
    """Our checks are at least as strict as the contract, field by field: each place the schema
    refuses holds one of our errors, in it or around it, so nothing we let through is refused."""
    errors = [p.path for p in validate_request(request, time_zone="Europe/Berlin", now=NOW) if p.is_error]
    for error in validator.iter_errors(sending_body(request)):
        for leaf in precise_errors(error):
            where = request_path(leaf.absolute_path)
            assert any(is_under(path, where) or (path and is_under(where, path)) for path in errors), (
                where,
                leaf.message,
                errors,
            )
