"""Hypothesis strategies: arbitrary JSON, and campaign-shaped requests that are mostly right.

"Mostly right" values sit on both sides of each documented limit and are now and then replaced
by an arbitrary JSON value, so that both the checks and the error paths get exercised.
"""

from __future__ import annotations

from datetime import datetime

from hypothesis import strategies as st

from app.campaign import format_start_at

# Fixed clock for generated schedules: 12:00 UTC on 10 January 2025.
NOW = datetime.fromisoformat("2025-01-10T12:00:00+00:00")
ZONES = ["UTC", "Europe/Berlin", "Pacific/Kiritimati", "America/Los_Angeles", "Asia/Kolkata"]

json_leaves = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
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

ALPHABET = st.sampled_from(list("abcXYZ 019.,!?'\"\n") + ["€", "{", "^", "’", "“", "😀", "я", "\u00a0", "é", "ç"])


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
            "https://example.com/a.jpg", "http://example.com/b.png", "https://bit.ly/x",
            "https://cdn.example.com/v.mp4",
            "https://example.com/page", "https://example.com/a.svg", "ftp://example.com/y", "string", "",
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
        "text": text_near(25), "url": urls, "phone": phones, "type": st.sampled_from(["link", "call", "reply"]),
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
