"""What validation reports: a ``Problem`` with a path into the request, a severity and a message."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem with a campaign.

    ``path`` points into the request (``"options.cards[1].suggestions[0].text"``; ``""`` is the whole
    request); an ``error`` blocks sending, a ``warning`` does not; ``message`` is for the user.
    """

    path: str
    severity: Severity
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def has_errors(problems: Iterable[Problem]) -> bool:
    """True when at least one problem blocks sending."""
    return any(problem.is_error for problem in problems)


def join_path(base: str, member: str | int) -> str:
    """``join_path("options.cards", 1)`` -> ``"options.cards[1]"``; ``join_path("", "x")`` -> ``"x"``."""
    if isinstance(member, int):
        return f"{base}[{member}]"
    return f"{base}.{member}" if base else member


_FIELD_NAMES = {
    "groups": "Contact lists",
    "options": "Message",
    "cards": "Cards",
    "text": "text",
    "title": "title",
    "media": "picture or video",
    "url": "link",
    "phone": "phone number",
    "type": "button kind",
    "postback_data": "reply data",
    "suggestions": "buttons",
    "start_at": "Send time",
    "validity": "validity",
    "tariff_code": "Tariff code",
    "check_stop_list": "stop-list check",
    "add_to_contact_book": "Add to contact book",
    "alternative_channel": "SMS fallback",
    "sms": "SMS fallback",
    "time_zone": "Time zone",
}
_TOP_LEVEL_NAMES = {"sender": "RCS agent", "check_stop_list": "Skip numbers on the stop list"}
_NUMBERED = {"cards": "Card", "suggestions": "button", "groups": "Contact list"}
_STEP = re.compile(r"([A-Za-z_]+)((?:\[\d+\])*)")


def field_label(path: str) -> str:
    """A readable name for ``path``: ``"options.cards[1].suggestions[0].text"`` -> ``"Card 2, button 1, text"``."""
    if not path:
        return "Campaign"
    steps = path.split(".")
    if steps[0] == "options" and len(steps) > 1 and steps[1].startswith("cards["):
        steps = steps[1:]  # "Card 2, ..." says enough
    if steps[:2] == ["alternative_channel", "sms"]:
        steps = steps[1:]  # "SMS fallback, ..."
    words: list[str] = []
    for position, step in enumerate(steps):
        match = _STEP.fullmatch(step)
        if match is None:
            words.append(step)
            continue
        name, indices = match.group(1), [int(i) for i in re.findall(r"\d+", match.group(2))]
        if name in _NUMBERED and len(indices) == 1:
            words.append(f"{_NUMBERED[name]} {indices[0] + 1}")
        elif position == 0 and name in _TOP_LEVEL_NAMES and path == step:
            words.append(_TOP_LEVEL_NAMES[name])
        else:
            words.append(_FIELD_NAMES.get(name, name.replace("_", " ")))
    label = ", ".join(words)
    return label[:1].upper() + label[1:]
