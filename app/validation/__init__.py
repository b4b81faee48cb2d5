"""Pre-send validation: every problem of a campaign at once, errors (block sending) and warnings.

    problems = validate_request(request, time_zone="Europe/Berlin", list_contacts={1864619: 10000})
    if has_errors(problems): ...

Each ``Problem`` has a ``path`` into the request (``"options.cards[1].suggestions[0].text"``), a
``severity`` and a plain-language ``message``. Validation never raises, whatever the input.
``place_label`` names the path's place for people (``"Card 2, button 1"``).
"""

from app.validation.places import located_message, place_label, plain_server_message
from app.validation.problems import Problem, Severity, blocking_errors, has_errors, overridable_errors
from app.validation.request import validate_document, validate_request

__all__ = [
    "Problem",
    "Severity",
    "blocking_errors",
    "has_errors",
    "located_message",
    "overridable_errors",
    "place_label",
    "plain_server_message",
    "validate_document",
    "validate_request",
]
