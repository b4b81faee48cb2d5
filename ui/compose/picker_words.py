"""The group picker's lines, in words: the chosen total, lists not in the account, the count, why empty."""

from __future__ import annotations

from app.language import tr, tr_n
from app.language.formats import format_count


def chosen_total(count: int, contacts: int, unknown: int) -> str:
    """``count`` chosen lists with ``contacts`` contacts, ``unknown`` of them of a size not known."""
    number = format_count(count)
    if unknown and unknown == count:
        return tr_n(
            "{count} list selected (number of contacts not known yet)",
            "{count} lists selected (number of contacts not known yet)",
            count,
        ).format(count=number)
    lists = tr_n("{count} list selected", "{count} lists selected", count).format(count=number)
    people = tr_n("{count} contact", "{count} contacts", contacts).format(count=format_count(contacts))
    if not unknown:
        # Translators: the chosen total under the contact lists: "2 lists selected, 1,590 contacts".
        return tr("{lists_selected}, {contacts}").format(lists_selected=lists, contacts=people)
    # Translators: {lists_selected} is "3 lists selected", {contacts} "300 contacts" (only the lists of known size).
    return tr_n(
        "{lists_selected}, {contacts} and {count} more list of unknown size",
        "{lists_selected}, {contacts} and {count} more lists of unknown size",
        unknown,
    ).format(lists_selected=lists, contacts=people, count=format_count(unknown))


def missing_lists(missing: int) -> str:
    """``missing`` chosen lists are not in this account (``missing`` > 0)."""
    return tr_n(
        "⚠ {count} chosen list was not found in this account. It stays in the campaign until you uncheck it; "
        "check the API key in Settings if this is the wrong account.",
        "⚠ {count} chosen lists were not found in this account. They stay in the campaign until you uncheck them; "
        "check the API key in Settings if this is the wrong account.",
        missing,
    ).format(count=format_count(missing))


def lists_count(total: int, shown: int, rows: int) -> str:
    """The account's ``total`` lists; with a filter, how many of the ``rows`` are ``shown``."""
    in_account = tr_n("{count} list in this account", "{count} lists in this account", total).format(
        count=format_count(total)
    )
    if shown == rows:
        return in_account
    # Translators: {shown} is how many lists the search shows, {all} is "10,000 lists in this account".
    return tr("{shown} shown · {all}").format(shown=format_count(shown), all=in_account)


def why_empty(search: str, *, chosen_only: bool, has_rows: bool, loaded: bool) -> str:
    """Why the table shows no list, or "" when it is only waiting for the lists."""
    if search:
        return tr("No list matches “{text}”.").format(text=search)
    if chosen_only and has_rows:
        return tr("No list is chosen yet.")
    if loaded:
        return tr("This account has no contact lists yet. Create one in your WWT.world account, then click Reload.")
    return ""
