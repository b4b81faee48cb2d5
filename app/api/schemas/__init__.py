"""The project's own JSON Schemas of the requests it sends, written from ``shared/wwt-api.md``.

``send_groups.schema.json``: the body of ``POST /api/campaigns/rcs/send-groups`` (JSON Schema 2020-12).
The files ship as package data; reading them needs no third-party package. The tests validate every
body they send against them (tests/conftest.py) and compare them with the official contract when it
is beside the checkout (tests/app/api/test_contract_schema.py).
"""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

SEND_GROUPS = "send_groups"


def load_schema(name: str) -> dict[str, Any]:
    """The schema ``<name>.schema.json`` of this package, as a new dict (``load_schema("send_groups")``)."""
    text = files(__name__).joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    if not isinstance(schema, dict):
        raise ValueError(f"{name}.schema.json does not hold a JSON object")
    return schema
