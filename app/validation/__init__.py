"""Pre-send validation: every problem of a campaign at once, errors (block sending) and warnings.

    problems = validate_request(request, time_zone="Europe/Berlin", list_contacts={1864619: 10000})
    if has_errors(problems): ...

Each ``Problem`` has a ``path`` into the request (``"options.cards[1].suggestions[0].text"``), a
``severity`` and a plain-language ``message``. Validation never raises, whatever the input.
"""

from app.validation.problems import Problem, Severity, field_label, has_errors
from app.validation.request import validate_document, validate_request

__all__ = ["Problem", "Severity", "field_label", "has_errors", "validate_document", "validate_request"]
