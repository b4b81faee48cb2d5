"""The project's request schemas (app/api/schemas) as jsonschema validators, for the tests.

The schemas carry two extension keywords the server's rules need and JSON Schema lacks; they are
checked here and ignored by any other validator:

``x-utf16MaxLength``: at most this many UTF-16 code units (how the server counts: an emoji is 2);
``x-smsMaxLength``: ``{"GSM-7": n, "UCS-2": m}``, the SMS text's limit in the units of its encoding.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jsonschema
from jsonschema import ValidationError

from app.api.schemas import SEND_GROUPS, load_schema
from app.campaign.sms import count_sms
from app.campaign.text_units import utf16_len


def _utf16_max_length(validator, limit, instance, schema):
    if validator.is_type(instance, "string") and utf16_len(instance) > limit:
        yield ValidationError(f"{instance!r} is longer than {limit} UTF-16 units ({utf16_len(instance)})")


def _sms_max_length(validator, limits, instance, schema):
    if not validator.is_type(instance, "string"):
        return
    sms = count_sms(instance)
    limit = limits[sms.encoding]
    if sms.units > limit:
        yield ValidationError(f"the SMS text has {sms.units} {sms.encoding} units, more than {limit}")


RequestValidator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    {"x-utf16MaxLength": _utf16_max_length, "x-smsMaxLength": _sms_max_length},
)


class SchemaCheck:
    """One schema's validator, with a short repr (Hypothesis prints its arguments on failure)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.schema = load_schema(name)
        RequestValidator.check_schema(self.schema)
        self.validator = RequestValidator(self.schema)

    def __repr__(self) -> str:
        return f"SchemaCheck({self.name!r})"

    def iter_errors(self, body: Any):
        return self.validator.iter_errors(body)

    def errors(self, body: Any) -> list[str]:
        """``"options.cards[0].text: ..."`` for each place ``body`` breaks the schema; ``[]`` when it fits."""
        leaves = [leaf for error in self.validator.iter_errors(body) for leaf in precise_errors(error)]
        return sorted(f"{request_path(leaf.absolute_path) or '(body)'}: {leaf.message}" for leaf in leaves)

    def wire_errors(self, content: bytes | str) -> list[str]:
        """``errors`` of a body as sent; a body that is not JSON is one error."""
        try:
            body = json.loads(content)
        except ValueError as exc:
            return [f"(body): not JSON ({exc})"]
        return self.errors(body)


def request_path(parts) -> str:
    """A schema error's location in the app's path notation: ``options.cards[0].text``."""
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else part)
    return path


def _wrong_shape(sub) -> bool:
    """An error saying the branch does not describe this value at all (not a deeper mistake)."""
    depth = len(sub.relative_path)
    return (sub.validator in ("required", "type", "not") and depth == 0) or (
        sub.validator in ("enum", "const") and depth <= 1
    )


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


@cache
def send_groups() -> SchemaCheck:
    return SchemaCheck(SEND_GROUPS)
