"""Small helpers shared by the validation modules: type tests, URL checks, number formatting."""

from __future__ import annotations

from typing import Any, TypeGuard
from urllib.parse import SplitResult, urlsplit

from app.campaign import limits
from app.campaign.text_units import utf16_len
from app.language import tr, tr_n
from app.language.formats import format_count
from app.validation.problems import ERROR, WARNING, Problem, Severity


class Report:
    """Collects problems in the order they are found. ``phone_plans``: check phone numbers against their
    country's numbering plan (``app.campaign.phone_numbers``), not only their number of digits."""

    def __init__(self, *, phone_plans: bool = True) -> None:
        self.problems: list[Problem] = []
        self.phone_plans = phone_plans

    def add(self, path: str, severity: Severity, message: str) -> None:
        self.problems.append(Problem(path, severity, message))

    def error(self, path: str, message: str) -> None:
        self.add(path, ERROR, message)

    def warning(self, path: str, message: str) -> None:
        self.add(path, WARNING, message)


def is_int(value: Any) -> TypeGuard[int]:
    """A JSON integer (``True``/``False`` are not numbers here)."""
    return isinstance(value, int) and not isinstance(value, bool)


def count(number: int) -> str:
    """``7500`` -> ``"7,500"`` (Ukrainian ``"7 500"``)."""
    return format_count(number)


def units(text: str) -> int:
    """Length as the server counts it (UTF-16 code units)."""
    return utf16_len(text)


def split_url(url: str) -> SplitResult | None:
    """``urlsplit`` that returns None instead of raising on a malformed address."""
    try:
        parts = urlsplit(url)
        parts.hostname  # noqa: B018 - raises ValueError on a malformed host or port
        parts.port  # noqa: B018
    except ValueError:
        return None
    return parts


def check_web_address(report: Report, url: Any, path: str, what: str) -> SplitResult | None:
    """Errors for a link or media address: text, not empty, http/https, a host, at most 1000 characters.

    ``what`` names the address in messages, in the current language (``"The button's link"``). Returns the
    split address when it is usable.
    """
    if url is None or (isinstance(url, str) and not url.strip()):
        # Translators: {what} is "The button's link" or "The address of the picture or video".
        said = tr("{what} is empty: enter a web address (one that starts with https://).")
        report.error(path, said.format(what=what))
        return None
    if not isinstance(url, str):
        report.error(path, tr("{what} must be a web address starting with https://.").format(what=what))
        return None
    length = units(url)
    if length > limits.URL_MAX:
        said = tr_n(
            "{what} can have at most {max} character (this one has {count}).",
            "{what} can have at most {max} characters (this one has {count}).",
            limits.URL_MAX,
        )
        report.error(path, said.format(what=what, max=count(limits.URL_MAX), count=count(length)))
    parts = split_url(url)
    if parts is None or parts.scheme.lower() not in limits.URL_SCHEMES:
        said = tr("{what} must start with http:// or https:// (for example https://example.com/).")
        report.error(path, said.format(what=what))
        return None
    if not parts.hostname or url != url.strip() or "".join(url.split()) != url:
        said = tr("{what} is not a complete web address: check it for spaces or missing parts.")
        report.error(path, said.format(what=what))
        return None
    return parts


def host_matches(host: str, domains: frozenset[str]) -> bool:
    """True when ``host`` is one of ``domains`` or a subdomain of one."""
    host = host.lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in domains)
