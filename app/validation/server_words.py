"""The server's refusals of a request in words: ``The selected groups.0 is invalid.`` says that a value
the request names is not in the account, so it is said with that value: ``Contact list 999 is not in
this account.`` Messages with no better words get their field names said in words
(``plain_server_message``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from app.language import tr
from app.validation.places import plain_server_message
from app.validation.problems import Problem

# Laravel's "exists" and "in" rules: the value is not one the server knows for this account.
_NOT_KNOWN = re.compile(r"The selected .+ is invalid\.?", re.IGNORECASE)
_GROUP = re.compile(r"groups\[\d+\]")
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_MISSING = object()


def value_at(body: Any, path: str) -> Any:
    """The value ``path`` (``"groups[0]"``, ``"alternative_channel.sms.sender"``) points at in ``body``,
    or ``_MISSING``."""
    value = body
    for name, index in _STEP.findall(path):
        if name and isinstance(value, Mapping) and name in value:
            value = value[name]
        elif index and isinstance(value, list) and int(index) < len(value):
            value = value[int(index)]
        else:
            return _MISSING
    return value


def _shown(value: Any) -> str | None:
    """A value short and plain enough to quote in a sentence, else None."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    text = str(value)
    return text if text.isprintable() and 0 < len(text) <= 40 else None


def server_problem_message(path: str, message: str, body: Mapping[str, Any] | None = None) -> str:
    """A refusal at ``path`` in words, with the value ``body`` (the request sent) has there when that
    says more: ``Contact list 999 is not in this account.``"""
    if _NOT_KNOWN.fullmatch(message.strip()):
        value = _shown(value_at(body, path)) if body is not None else None
        if _GROUP.fullmatch(path):
            if value:
                # Translators: {list} is the contact list's number ("999").
                return tr("Contact list {list} is not in this account.").format(list=value)
            return tr("This contact list is not in this account.")
        if path == "alternative_channel.sms.sender":
            if value:
                return tr("The SMS sender '{sender}' is not one of your account's senders.").format(sender=value)
            return tr("This SMS sender is not one of your account's senders.")
        if path == "sender":
            if value:
                return tr("The RCS agent '{agent}' is not one of your account's agents.").format(agent=value)
            return tr("This RCS agent is not one of your account's agents.")
    return plain_server_message(message)


def server_problems(field_errors: Mapping[str, list[str]], body: Mapping[str, Any] | None = None) -> list[Problem]:
    """A refusal's field errors as problems at their paths, each message said once, in words."""
    problems: list[Problem] = []
    for path, messages in field_errors.items():
        for message in messages:
            problem = Problem(path, "error", server_problem_message(path, message, body))
            if problem not in problems:
                problems.append(problem)
    return problems
