"""Where a problem is, in the words the window uses: "Card 2, button 1", "SMS fallback", "Schedule".

Problems point into the request (``options.cards[1].suggestions[0].text``): that path is for programs.
People read the place instead; ``plain_server_message`` also takes the server's own names of fields
(``The options.cards.1.suggestions.0.text may not be ...``) out of its messages.
"""

from __future__ import annotations

import re

from app.language import tr, tr_mark
from app.validation.problems import Problem

# The part of the window each top-level member is edited in (the editor's tab names, or the field), in
# English: ``place_parts(path, english=True)`` gives these, ``place_parts(path)`` them in the current language.
_SECTIONS = {
    "options": tr_mark("Message"),
    "sender": tr_mark("RCS agent"),
    "groups": tr_mark("Recipients"),
    "start_at": tr_mark("Schedule"),
    "validity": tr_mark("Schedule"),
    "time_zone": tr_mark("Schedule"),
    "alternative_channel": tr_mark("SMS fallback"),
}
CAMPAIGN = tr_mark("Campaign")
# Field names in the server's own (English) messages, said in English words: the sentence around them
# stays the server's, and a sentence in two languages would read worse than one in English.
_NUMBERED = {"cards": "card", "suggestions": "button", "groups": "contact list"}
_FIELD_WORDS = {
    "media": "picture or video",
    "url": "link",
    "phone": "phone number",
    "type": "button kind",
    "postback_data": "reply data",
    "suggestions": "buttons",
    "start_at": "send time",
    "sms": "SMS fallback",
    "alternative_channel": "SMS fallback",
    "options": "message",
    "groups": "contact lists",
    "sender": "sender",
    "check_stop_list": "stop-list check",
}
_STEP = re.compile(r"([A-Za-z_]+)((?:\[\d+\])*)")


def _steps(path: str) -> list[tuple[str, list[int]]]:
    """``"options.cards[1].text"`` -> ``[("options", []), ("cards", [1]), ("text", [])]``."""
    steps: list[tuple[str, list[int]]] = []
    for step in path.split(".") if path else []:
        match = _STEP.fullmatch(step)
        if match is None:
            steps.append((step, []))
        else:
            steps.append((match.group(1), [int(i) for i in re.findall(r"\d+", match.group(2))]))
    return steps


def place_parts(path: str, *, english: bool = False) -> tuple[str, ...]:
    """The place of ``path``, widest first: ``("Card 2", "button 1")``, ``("SMS fallback",)``, ``("Campaign",)``.

    In the current language; ``english``: in English whatever the language, for code that sorts or
    groups places by name (each English name, numbers aside, is a catalog entry: ``tr`` gives it in words).
    """
    steps = _steps(path)
    if not steps:
        return (CAMPAIGN if english else tr(CAMPAIGN),)
    if steps[0][0] == "options" and len(steps) > 1 and steps[1][0] == "cards" and len(steps[1][1]) == 1:
        card = steps[1][1][0] + 1
        parts = [f"Card {card}" if english else tr("Card {number}").format(number=card)]
        if len(steps) > 2 and steps[2][0] == "suggestions" and len(steps[2][1]) == 1:
            button = steps[2][1][0] + 1
            # Translators: a button's place inside a card, after "Card 2, " (lower case in English).
            parts.append(f"button {button}" if english else tr("button {number}").format(number=button))
        return tuple(parts)
    section = _SECTIONS.get(steps[0][0], CAMPAIGN)
    return (section if english else tr(section),)


def place_label(path: str) -> str:
    """``"options.cards[1].suggestions[0].text"`` -> ``"Card 2, button 1"``; ``"start_at"`` -> ``"Schedule"``."""
    return ", ".join(place_parts(path))


def field_words(path: str) -> str:
    """The field ``path`` ends at, in English words for the server's English messages:
    ``"....suggestions[0].text"`` -> ``"text"``; ``"options.cards[1]"`` -> ``"card 2"``."""
    steps = _steps(path)
    if not steps:
        return "campaign"
    name, indices = steps[-1]
    if name in _NUMBERED and len(indices) == 1:
        return f"{_NUMBERED[name]} {indices[0] + 1}"
    return _FIELD_WORDS.get(name, name.replace("_", " "))


def starts_with_place(message: str, place: str) -> bool:
    """True when ``message`` already names ``place`` first ("Card 2 could not be read...")."""
    return message[: len(place)].lower() == place.lower()


def located_message(problem: Problem) -> str:
    """The message with its place in front (``"Card 2, button 1: Button text can have ..."``).

    A problem of the whole campaign, or one whose message already begins with its place, is left as it is.
    """
    if not problem.path:
        return problem.message
    place = place_label(problem.path)
    if starts_with_place(problem.message, place):
        return problem.message
    return f"{place}: {problem.message}"


# A Laravel attribute name in a message: a dotted request key, underscores sometimes shown as spaces
# ("alternative channel.sms.sender"), or one snake-case member ("start_at"; "The start at ...").
_SPACED = ("alternative channel", "check stop list", "postback data", "add to contact book", "start at", "tariff code")
_MEMBER = "(?:" + "|".join(name.replace(" ", "[ _]") for name in _SPACED) + r"|[A-Za-z]+|\d+)"
_SINGLE = (
    "start_at|tariff_code|time_zone|add_to_contact_book|check_stop_list|postback_data"
    "|(?<=[Tt]he )(?:" + "|".join((*_SPACED, "options", "groups")) + ")"
)
_SERVER_KEY = re.compile(rf"\b(?:{_MEMBER}(?:\.{_MEMBER})+|{_SINGLE})\b")
_KNOWN_FIRST = frozenset({*_SECTIONS, "tariff_code", "check_stop_list", "add_to_contact_book"})


def _as_path(server_key: str) -> str:
    path = ""
    for part in server_key.replace(" ", "_").split("."):
        path += f"[{part}]" if part.isdigit() else (f".{part}" if path else part)
    return path


def plain_server_message(text: str) -> str:
    """The server's message with its field names in words.

    ``"The options.cards.1.suggestions.0.text may not be greater than 25 characters."`` ->
    ``"The text may not be greater than 25 characters."`` (the place is said next to it, by the field
    or by ``located_message``). Web addresses and numbers like ``3.5`` are left alone.
    """

    def replace(match: re.Match[str]) -> str:
        key = match.group(0)
        start = match.start()
        if "/" in text[max(0, start - 1) : start] or key.replace(".", "").isdigit():
            return key  # part of a web address, or a number
        first = key.split(".", 1)[0].replace(" ", "_")
        if "." in key and first not in _KNOWN_FIRST:
            return key  # "shop.example.com", "e.g." and the like
        return field_words(_as_path(key))

    return _SERVER_KEY.sub(replace, text)
