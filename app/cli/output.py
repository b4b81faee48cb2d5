"""Plain-text rendering of what the server returned, for the terminal."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any, TextIO

from app.campaign.text import campaign_rows, format_price
from app.language import tr, tr_n
from app.language.formats import format_count
from app.validation import Problem, located_message

if TYPE_CHECKING:
    from app.api.models import ContactList

# campaign_rows and format_price: the core's, for the commands.
__all__ = ["aligned_rows", "campaign_rows", "format_price", "print_json", "print_lists", "print_rows"]


def print_rows(rows: list[tuple[str, str]], out: TextIO | None = None) -> None:
    """Label/value rows (``campaign_rows``: English labels, marked), the labels in the current language."""
    out = out or sys.stdout
    for line in aligned_rows([(tr(label), value) for label, value in rows]):
        print(line, file=out)


def aligned_rows(rows: list[tuple[str, str]]) -> list[str]:
    """Label/value rows whose labels are already in the current language, as lines: ``  Label: value``,
    the values in one column."""
    width = max((len(label) for label, _ in rows), default=0)
    return [f"  {label + ':':<{width + 1}} {value}" for label, value in rows]


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
        print(tr("The account has no contact lists."), file=out)
        return
    # Translators: the columns of rcs-desk lists: a list's number, name, number of contacts, description.
    id_word, name_word, contacts_word, about_word = tr("ID"), tr("Name"), tr("Contacts"), tr("Description")
    id_width = max(len(id_word), *(len(str(item.id)) for item in lists))
    name_width = max(len(name_word), min(40, max(len(item.name or "") for item in lists)))
    contacts_width = max(9, len(contacts_word))
    print(
        f"{id_word:>{id_width}}  {name_word:<{name_width}}  {contacts_word:>{contacts_width}}  {about_word}", file=out
    )
    for item in lists:
        contacts = format_count(item.contacts) if item.contacts is not None else "?"
        name = (item.name or "")[:name_width]
        print(
            f"{item.id:>{id_width}}  {name:<{name_width}}  {contacts:>{contacts_width}}  {item.description or ''}",
            file=out,
        )
    total = sum(item.contacts or 0 for item in lists)
    # Translators: the last line of rcs-desk lists: "3 lists, 1,590 contacts in all."; {contacts} is the
    # "{count} contacts in all" entry.
    in_all = tr_n("{count} contact in all", "{count} contacts in all", total).format(count=format_count(total))
    said = tr_n("{count} list, {contacts}.", "{count} lists, {contacts}.", len(lists))
    print(said.format(count=format_count(len(lists)), contacts=in_all), file=out)


def problem_line(problem: Problem) -> str:
    """``error: options.cards[1].suggestions[0].text: Card 2, button 1: Button text can have ...``.

    The ``severity: path:`` start stays as it was, for scripts; the place in words follows, for people.
    """
    return f"{problem.severity}: {problem.path}: {located_message(problem)}"
