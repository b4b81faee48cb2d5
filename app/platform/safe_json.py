"""Reading JSON that came from outside (files, the server) within bounds.

``json.loads`` alone accepts what later breaks the program: nesting deep enough to exhaust the
recursion limit of whatever walks the result, integers of thousands of digits, ``NaN`` and
``Infinity`` (not JSON, and refused by the sender), numbers that overflow to infinity, and lone
UTF-16 surrogates (``"\\ud800"``) that no UTF-8 file or SQLite text can hold. ``loads`` refuses each
of them with a ``JsonLimitError`` whose message is in plain words, or replaces lone surrogates with
U+FFFD where the caller prefers to keep the rest (a server's answer).

Written by hand because the standard library has no depth or size bound and no well-kept package
adds one without replacing the parser.
"""

from __future__ import annotations

import json
import math
import re
from itertools import accumulate
from typing import Any, Literal

from app.language import tr, tr_n
from app.language.formats import format_count

MAX_DEPTH = 64  # a campaign nests about 8 deep, a server answer about 6
MAX_INTEGER_DIGITS = 30  # list ids and counters are far shorter; Python's own limit is 4,300

# A string token, its closing quote optional: every match ends at the next unescaped quote or at the
# end of the text, so scanning is linear even for malformed text such as '"\\"\\"\\"…' (a pattern
# that requires the closing quote retries from every escaped quote: quadratic).
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKET_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_LONG_DIGITS = re.compile(rf"[0-9]{{{MAX_INTEGER_DIGITS + 1},}}")
_SURROGATE = re.compile("[\ud800-\udfff]")
# An escaped UTF-16 surrogate ("\\ud83d"): pairs are fine, so the parsed strings are then checked.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF]")


class JsonLimitError(ValueError):
    """JSON that is well-formed but outside what the program accepts; ``str()`` says why in plain words."""


def _without_strings(text: str) -> str:
    return _STRING.sub('""', text)


def _depth(outside_strings: str) -> int:
    brackets = _NOT_BRACKET.sub("", outside_strings)
    return max(0, max(accumulate(map(_BRACKET_STEP.__getitem__, brackets)), default=0))


def nesting_depth(text: str) -> int:
    """How deep arrays and objects nest in ``text`` (strings skipped), without parsing it.

    Linear in the length of ``text``, whatever it holds (a few MB take well under a second).
    """
    return _depth(_without_strings(text))


def too_many_values(max_values: int) -> str:
    """The reason given for more than ``max_values`` values (callers that count them say the same)."""
    words = tr_n(
        "it holds more than {count} value (texts, numbers and lists), far more than expected",
        "it holds more than {count} values (texts, numbers and lists), far more than expected",
        max_values,
    )
    return words.format(count=format_count(max_values))


def _refuse_constant(name: str) -> Any:
    raise JsonLimitError(tr("it holds {name}, which is not a number").format(name=name))


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        digits = len(text.lstrip("-"))
        words = tr_n(
            "it holds a number with {count} digit (at most {most} are read)",
            "it holds a number with {count} digits (at most {most} are read)",
            digits,
        )
        raise JsonLimitError(words.format(count=format_count(digits), most=MAX_INTEGER_DIGITS))
    return int(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise JsonLimitError(tr("it holds a number too large to use ({number})").format(number=text[:20]))
    return value


def _check_strings(value: Any, replace: bool) -> Any:
    """``value`` with lone surrogates refused or replaced; depth is already bounded."""
    if isinstance(value, str):
        if _SURROGATE.search(value) is None:
            return value
        if replace:
            return _SURROGATE.sub("\ufffd", value)
        raise JsonLimitError(tr("it holds text with a broken character (half of an emoji or a similar sign)"))
    if isinstance(value, list):
        return [_check_strings(item, replace) for item in value]
    if isinstance(value, dict):
        return {_check_strings(key, replace): _check_strings(item, replace) for key, item in value.items()}
    return value


def loads(
    data: str | bytes,
    *,
    max_depth: int = MAX_DEPTH,
    surrogates: Literal["refuse", "replace"] = "refuse",
    max_values: int | None = None,
) -> Any:
    """Parse ``data`` (bytes are read as UTF-8, with or without a byte order mark) within bounds.

    ``max_values`` refuses, before parsing, text that surely holds more values than that (each
    array, object, text and number is one; so is each member's name): it counts commas and
    brackets, so some texts with more values may pass and are for the caller to count.

    Raises ``UnicodeDecodeError`` for bytes that are not UTF-8, ``json.JSONDecodeError`` for
    malformed JSON and ``JsonLimitError`` for JSON outside the bounds (all are ``ValueError``).
    """
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    outside_strings = _without_strings(text)
    depth = _depth(outside_strings)
    if depth > max_depth:
        words = tr_n(
            "it nests {count} level deep (at most {most} are read)",
            "it nests {count} levels deep (at most {most} are read)",
            depth,
        )
        raise JsonLimitError(words.format(count=format_count(depth), most=max_depth))
    if max_values is not None:
        # Every array or object is a value, and n commas separate at least n + 1 values.
        containers = outside_strings.count("[") + outside_strings.count("{")
        if max(containers, outside_strings.count(",") + 1) > max_values:
            raise JsonLimitError(too_many_values(max_values))
    # Integers are checked one by one only when a long run of digits is there (a call per number is slow).
    long_digits = _LONG_DIGITS.search(outside_strings) is not None
    value = json.loads(
        text,
        parse_constant=_refuse_constant,
        parse_int=_bounded_int if long_digits else None,
        parse_float=_finite_float,
    )
    if _SURROGATE_ESCAPE.search(text) is None and (isinstance(data, bytes) or _SURROGATE.search(text) is None):
        return value  # no string can hold a surrogate: nothing to walk
    return _check_strings(value, replace=surrogates == "replace")
