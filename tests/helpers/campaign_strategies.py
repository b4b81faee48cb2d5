"""Hypothesis strategies: arbitrary JSON, and campaign-shaped requests that are mostly right.

"Mostly right" values sit on both sides of each documented limit and are now and then replaced
by an arbitrary JSON value, so that both the checks and the error paths get exercised.
"""

from __future__ import annotations

import json
import math
from datetime import datetime

from hypothesis import strategies as st

from app.campaign import limits
from app.campaign.model import format_start_at

# Fixed clock for generated schedules: 12:00 UTC on 10 January 2025.
NOW = datetime.fromisoformat("2025-01-10T12:00:00+00:00")
ZONES = ["UTC", "Europe/Berlin", "Pacific/Kiritimati", "America/Los_Angeles", "Asia/Kolkata"]

json_leaves = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12)
)
json_values = st.recursive(
    json_leaves,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
# Arbitrary JSON including NaN/infinity, which Python's json module reads too.
any_json = st.recursive(
    json_leaves | st.floats(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=16,
)

ALPHABET = st.sampled_from([*"abcXYZ 019.,!?'\"\n", "€", "{", "^", "’", "“", "😀", "я", "\u00a0", "é", "ç"])


def mostly(good: st.SearchStrategy) -> st.SearchStrategy:
    """``good`` three times out of four, an arbitrary JSON value otherwise."""
    return st.integers(0, 3).flatmap(lambda pick: json_values if pick == 0 else good)


def text_near(limit: int, *, minimum: int = 0) -> st.SearchStrategy[str]:
    """Short mixed texts, and texts of ``limit - 1 .. limit + 1`` units (ASCII or emoji)."""
    low = max(minimum, limit - 1)
    return st.one_of(
        st.text(ALPHABET, min_size=minimum, max_size=min(limit, 24)),
        st.integers(low, limit + 1).map(lambda n: "x" * n),
        st.integers(low, limit + 1).map(lambda n: "x" * (n % 2) + "😀" * (n // 2)),
    )


def near(low: int, high: int) -> st.SearchStrategy[int]:
    """Integers on both sides of ``low`` and ``high``, and now and then anywhere between."""
    return st.one_of(st.sampled_from([low - 1, low, high, high + 1]), st.integers(low - 1, high + 1))


urls = st.one_of(
    st.sampled_from(
        [
            "https://example.com/a.jpg",
            "http://example.com/b.png",
            "https://bit.ly/x",
            "https://cdn.example.com/v.mp4",
            "https://example.com/page",
            "https://example.com/a.svg",
            "ftp://example.com/y",
            "string",
            "",
            "http://nosms.cc/AbCd",
        ]
    ),
    st.text(ALPHABET, max_size=10).map(lambda t: "https://example.com/" + t),
    st.integers(995, 1002).map(lambda n: "https://example.com/" + "a" * (n - 24) + ".png"),
)
phones = st.one_of(
    st.sampled_from(["380661231231", "123456789", "12345678", "+380661231231", "1" * 15, "1" * 16, ""]),
    st.text("0123456789 +", max_size=17),
)

link_button = st.fixed_dictionaries(
    {"text": mostly(text_near(25, minimum=1)), "url": mostly(urls)},
    optional={"type": mostly(st.just("link")), "postback_data": mostly(text_near(25))},
)
call_button = st.fixed_dictionaries(
    {"text": mostly(text_near(25, minimum=1)), "phone": mostly(phones)},
    optional={"type": mostly(st.just("call")), "postback_data": mostly(text_near(25))},
)
odd_button = st.fixed_dictionaries(
    {},
    optional={
        "text": text_near(25),
        "url": urls,
        "phone": phones,
        "type": st.sampled_from(["link", "call", "reply"]),
        "x_note": json_values,
    },
)
buttons = st.integers(0, 4).flatmap(lambda pick: (link_button, call_button, odd_button)[pick % 3])

media = st.fixed_dictionaries({"url": mostly(urls)}, optional={"x_note": json_values})
card_fields = {
    "title": mostly(text_near(200)),
    "text": mostly(st.one_of(text_near(1000, minimum=1), text_near(200, minimum=1))),
    "media": mostly(media),
    "suggestions": mostly(st.lists(buttons, min_size=1, max_size=3)),
}
card = st.one_of(
    st.fixed_dictionaries(card_fields),
    st.fixed_dictionaries(
        {"media": card_fields["media"]}, optional={k: v for k, v in card_fields.items() if k != "media"}
    ),
    st.fixed_dictionaries({}, optional=card_fields),
)
cards_options = st.fixed_dictionaries({"cards": mostly(st.lists(card, min_size=1, max_size=6) | st.just([]))})
other_options = st.one_of(
    st.fixed_dictionaries({"text": mostly(text_near(160, minimum=1))}),
    st.fixed_dictionaries(
        {}, optional={"text": text_near(160), "cards": st.lists(card, max_size=2), "suggestions": st.lists(buttons)}
    ),
)
options = st.integers(0, 4).flatmap(lambda pick: cards_options if pick < 3 else other_options)

start_times = st.one_of(
    st.datetimes(min_value=datetime(2025, 1, 8), max_value=datetime(2025, 2, 12)).map(format_start_at),
    st.sampled_from(["2025-01-20T09:00:00", "2025-02-30 10:00:00", "2025-01-20 09:00", ""]),
)
sms_texts = st.one_of(
    st.text(ALPHABET, min_size=0, max_size=60),
    st.integers(760, 770).map(lambda n: "a" * n),
    st.integers(330, 340).map(lambda n: "я" * n),
    st.integers(150, 160).map(lambda n: "a" + "€" * n),
)
sms_senders = st.one_of(
    st.sampled_from(["Shop", "ab", "123", "1" * 15, "1" * 16, "My Shop", "a" * 11, "a" * 12, ""]),
    st.text(ALPHABET, max_size=13),
)
sms = st.fixed_dictionaries(
    {"text": mostly(sms_texts), "sender": mostly(sms_senders)},
    optional={"validity": mostly(near(1, 72)), "check_stop_list": mostly(st.booleans())},
)
alternative_channel = st.fixed_dictionaries({}, optional={"sms": mostly(sms)})

group_ids = st.integers(1, 10**8)
campaigns = st.fixed_dictionaries(
    {
        "groups": mostly(st.lists(group_ids, min_size=0, max_size=4)),
        "sender": mostly(text_near(40, minimum=1)),
        "options": mostly(options),
    },
    optional={
        "tariff_code": mostly(st.integers(-1, 20)),
        "validity": mostly(near(1, 72)),
        "start_at": mostly(start_times),
        "alternative_channel": mostly(alternative_channel),
        "check_stop_list": mostly(st.booleans()),
        "add_to_contact_book": mostly(st.booleans()),
        "x_future_option": json_values,
    },
)

list_contacts = st.dictionaries(group_ids, st.none() | st.integers(0, 6000), max_size=4)

list_infos = st.dictionaries(
    group_ids.map(str) | st.from_regex(r"0[0-9]{1,3}", fullmatch=True),  # "007" is not how we write 7
    st.fixed_dictionaries(
        {},
        optional={"name": st.none() | st.text(max_size=20), "contacts": st.none() | st.integers(0, 10**6)},
    ),
    max_size=3,
)
campaign_files = st.fixed_dictionaries(
    {
        "format": st.just("rcs-desk.campaign"),
        "version": st.just(1),
        "time_zone": st.sampled_from(ZONES),
        "request": campaigns,
    },
    optional={"lists": list_infos, "x_app_note": json_values},
)

# --- Hostile campaign files (as bytes): what a damaged, fuzzed or malicious file may hold --------------


def campaign_bytes(data: object) -> bytes:
    """JSON as a file holds it; NaN/Infinity and lone surrogates are written as Python's json writes them."""
    return json.dumps(data, allow_nan=True).encode("utf-8")


def _nested(depth: int) -> object:
    value: object = 1
    for level in range(depth):
        value = [value] if level % 2 else {"x": value}
    return value


hostile_leaves = st.one_of(
    st.sampled_from([math.nan, math.inf, -math.inf, 10**40, -(10**40), 10**4000, "\ud800", "a\udfffb", "x" * 2001]),
    st.integers(limits.MAX_FILE_DEPTH - 3, limits.MAX_FILE_DEPTH + 3).map(_nested),
    st.integers(1, 3).map(lambda n: [{"text": "t"}] * (limits.MAX_FILE_CARDS + n)),
    st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3),
)
odd_time_zones = st.one_of(
    st.sampled_from(
        [
            "A" * 300,
            "Europe",
            "tzdata",
            "__init__.py",
            "zone.tab",
            "../UTC",
            "/etc/localtime",
            "UTC/..",
            "Etc/",
            "\x00",
            "",
            " UTC",
            "Europe/Kyiv\n",
            "posixrules",
            "Etc/GMT+5",
            "right/UTC",
            "a/" * 40 + "b",
        ]
    ),
    st.text(max_size=12),
    json_values,
)


def _insert(file: dict, where: str, value: object) -> dict:
    """``file`` with ``value`` put at one of a few places a campaign file has (a copy)."""
    data = json.loads(json.dumps(file))
    request = data["request"]
    if where == "top":
        data["x_note"] = value
    elif where == "request":
        request["x_future_option"] = value
    elif where == "groups":
        request["groups"] = [value]
    elif where == "key":
        data[value if isinstance(value, str) else "\ud800"] = 1
    elif where == "version":
        data["version"] = value
    elif where == "sender":
        request["sender"] = value
    elif where == "validity":
        request["validity"] = value
    elif isinstance(request.get("options"), dict) and isinstance(request["options"].get("cards"), list):
        request["options"]["cards"] = [value, *request["options"]["cards"]]
    else:
        request["options"] = {"cards": value if isinstance(value, list) else [value]}
    return data


PLACES = ["top", "request", "groups", "key", "version", "sender", "validity", "cards"]
SENDABLE_REQUEST = {
    "groups": [1864619],
    "sender": "Agent",
    "options": {"cards": [{"text": "Spring sale", "suggestions": [{"text": "Shop", "url": "https://example.com/"}]}]},
    "alternative_channel": {"sms": {"text": "Spring sale", "sender": "Shop"}},
}
EXTRA_PLACES = ["top", "request", "options", "card", "button", "alternative_channel", "sms"]


def _sendable_with_extra(where: str, name: str, value: object) -> dict:
    """A campaign that validates, with ``value`` in a member validation does not look at (kept and sent as is)."""
    request = json.loads(json.dumps(SENDABLE_REQUEST))
    card = request["options"]["cards"][0]
    target = {
        "request": request,
        "options": request["options"],
        "card": card,
        "button": card["suggestions"][0],
        "alternative_channel": request["alternative_channel"],
        "sms": request["alternative_channel"]["sms"],
    }
    data = {"format": "rcs-desk.campaign", "version": 1, "time_zone": "UTC", "request": request}
    target.get(where, data)["x_" + name] = value
    return data


sendable_with_extras = st.builds(
    _sendable_with_extra, st.sampled_from(EXTRA_PLACES), st.text(max_size=4), hostile_leaves | any_json
)
EDGE_START_TIMES = ["9999-12-31 23:59:59", "9999-12-31 00:00:00", "1000-01-01 00:00:00", "0001-01-01 00:00:00"]


def _with_start_at(file: dict, start_at: str, zone: str) -> dict:
    return {**file, "time_zone": zone, "request": {**file["request"], "start_at": start_at}}


hostile_campaign_files = st.one_of(
    sendable_with_extras.map(campaign_bytes),
    st.builds(
        _with_start_at,
        campaign_files,
        st.sampled_from(EDGE_START_TIMES) | start_times,
        st.sampled_from([*ZONES, "Etc/GMT+12", "Etc/GMT-14"]),
    ).map(campaign_bytes),
    st.binary(max_size=300),
    campaign_files.map(campaign_bytes),
    st.builds(_insert, campaign_files, st.sampled_from(PLACES), hostile_leaves | any_json).map(campaign_bytes),
    st.builds(lambda f, zone: {**f, "time_zone": zone}, campaign_files, odd_time_zones).map(campaign_bytes),
    st.builds(lambda f, request: {**f, "request": request}, campaign_files, any_json).map(campaign_bytes),
    # Damaged on disk: cut short, or one byte changed.
    st.builds(lambda data, cut: data[: cut % (len(data) + 1)], campaign_files.map(campaign_bytes), st.integers(0)),
    st.builds(
        lambda data, at, byte: data[: at % len(data)] + bytes([byte]) + data[at % len(data) + 1 :],
        campaign_files.map(campaign_bytes),
        st.integers(0),
        st.integers(0, 255),
    ),
)


def largest_accepted_file() -> dict:
    """A campaign file at every bound of ``app.campaign.limits.MAX_FILE_*`` at once: the slowest one the window
    opens."""
    n = limits.MAX_FILE_TEXT

    def button(number: int) -> dict:
        return {
            "type": "link",
            "text": "b" * n,
            "url": "https://example.com/" + "u" * (n - 20),
            "postback_data": "p" * n,
        }

    def card(number: int) -> dict:
        return {
            "title": "t" * n,
            "text": "x" * n,
            "media": {"url": "https://example.com/" + "m" * (n - 24) + ".jpg"},
            "suggestions": [button(b) for b in range(limits.MAX_FILE_BUTTONS)],
        }

    groups = [10**20 + g for g in range(limits.MAX_FILE_GROUPS)]
    lists = {str(g): {"name": "N" * n if g == groups[0] else f"List {g}", "contacts": 10**29} for g in groups}
    request = {
        "groups": groups,
        "sender": "A" * n,
        "options": {"cards": [card(c) for c in range(limits.MAX_FILE_CARDS)]},
        "start_at": "2025-01-20 10:00:00",
        "validity": 10**29,
        "tariff_code": -(10**29),
        "alternative_channel": {"sms": {"text": "s" * n, "sender": "S" * n, "validity": 10**29}},
    }
    data = {
        "format": "rcs-desk.campaign",
        "version": 1,
        "time_zone": "Pacific/Kiritimati",
        "request": request,
        "lists": lists,
    }
    room = limits.MAX_FILE_VALUES - _count_values(data) - 2  # the member's name and its list are two
    data["x_padding"] = [0] * room  # values up to the bound
    return data


def _count_values(value: object) -> int:
    if isinstance(value, dict):
        return 1 + sum(1 + _count_values(item) for item in value.values())
    if isinstance(value, list):
        return 1 + sum(_count_values(item) for item in value)
    return 1
