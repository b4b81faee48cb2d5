"""Plain-text rendering of what the server returned, for the terminal."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

from app.campaign.text import campaign_rows, format_price
from app.validation import Problem, located_message

if TYPE_CHECKING:
    from app.api.models import ContactList

__all__ = ["campaign_rows", "format_price", "print_json", "print_lists", "print_rows"]  # the first two for the commands


def print_rows(rows: list[tuple[str, str]], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"  {label + ':':<{width + 1}} {value}", file=out)


def print_json(value: Any, out: TextIO | None = None) -> None:
    """``value`` as JSON. An array (every contact list, every campaign: thousands of items) is written
    on one line by the C encoder, which ``indent`` would replace by the pure-Python one (10,000 lists:
    42 ms instead of 111 ms); a single object, small, is indented for reading."""
    out = out or sys.stdout
    if isinstance(value, list):
        print(json.dumps(value, ensure_ascii=False), file=out)
    else:
        print(json.dumps(value, ensure_ascii=False, indent=2), file=out)


def print_lists(lists: list[ContactList], out: TextIO | None = None) -> None:
    out = out or sys.stdout
    if not lists:
        print("The account has no contact lists.", file=out)
        return
    id_width = max(len(str(item.id)) for item in lists)
    name_width = min(40, max(len(item.name or "") for item in lists))
    print(f"{'ID':>{id_width}}  {'Name':<{name_width}}  {'Contacts':>9}  Description", file=out)
    for item in lists:
        contacts = f"{item.contacts:,}" if item.contacts is not None else "?"
        name = (item.name or "")[:name_width]
        print(f"{item.id:>{id_width}}  {name:<{name_width}}  {contacts:>9}  {item.description or ''}", file=out)
    total = sum(item.contacts or 0 for item in lists)
    print(f"{len(lists)} lists, {total:,} contacts in all.", file=out)


def problem_line(problem: Problem) -> str:
    """``error: options.cards[1].suggestions[0].text: Card 2, button 1: Button text can have ...``.

    The ``severity: path:`` start stays as it was, for scripts; the place in words follows, for people.
    """
    return f"{problem.severity}: {problem.path}: {located_message(problem)}"
