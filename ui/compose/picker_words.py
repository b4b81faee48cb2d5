"""The group picker's lines, in words: the chosen total, lists not in the account, the count, why empty."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def _tr(text: str) -> str:
    return QCoreApplication.translate("GroupPicker", text)


def chosen_total(count: int, contacts: int, unknown: int) -> str:
    """``count`` chosen lists with ``contacts`` contacts, ``unknown`` of them of a size not known."""
    text = _tr("1 list selected") if count == 1 else _tr("{n} lists selected").format(n=f"{count:,}")
    if unknown and unknown == count:
        return text + " " + _tr("(number of contacts not known yet)")
    people = _tr("1 contact") if contacts == 1 else _tr("{m} contacts").format(m=f"{contacts:,}")
    text += ", " + people
    if unknown:
        text += " " + (
            _tr("and 1 more list of unknown size")
            if unknown == 1
            else _tr("and {n} more lists of unknown size").format(n=f"{unknown:,}")
        )
    return text


def missing_lists(missing: int) -> str:
    """``missing`` chosen lists are not in this account (``missing`` > 0)."""
    text = (
        _tr("⚠ 1 chosen list was not found in this account.")
        if missing == 1
        else _tr("⚠ {n} chosen lists were not found in this account.").format(n=missing)
    )
    stay = (
        _tr("It stays in the campaign until you uncheck it")
        if missing == 1
        else _tr("They stay in the campaign until you uncheck them")
    )
    return f"{text} {stay}; " + _tr("check the API key in Settings if this is the wrong account.")


def lists_count(total: int, shown: int, rows: int) -> str:
    """The account's ``total`` lists; with a filter, how many of the ``rows`` are ``shown``."""
    in_account = (
        _tr("1 list in this account") if total == 1 else _tr("{n} lists in this account").format(n=f"{total:,}")
    )
    if shown == rows:
        return in_account
    return _tr("{shown} shown · {all}").format(shown=f"{shown:,}", all=in_account)


def why_empty(search: str, *, chosen_only: bool, has_rows: bool, loaded: bool) -> str:
    """Why the table shows no list, or "" when it is only waiting for the lists."""
    if search:
        return _tr("No list matches “{text}”.").format(text=search)
    if chosen_only and has_rows:
        return _tr("No list is chosen yet.")
    if loaded:
        return _tr("This account has no contact lists yet. Create one in your WWT.world account, then click Reload.")
    return ""
