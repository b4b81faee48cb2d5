"""What is wrong in a file that is not well-formed JSON, in words a person can act on.

``json.JSONDecodeError`` says ``Expecting property name enclosed in double quotes: line 56 column 2``;
``json_error_words`` says ``there is an extra comma before the } on line 56``. The text around the
error's position is looked at rather than the parser's message, which changes between Python versions.
"""

from __future__ import annotations

import json

_CLOSERS = "}]"
_SHOWN_WORD = 20  # characters of an unknown word quoted in a message


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _where(text: str, pos: int) -> str:
    """``on line 56`` (a line people find with their editor's "go to line")."""
    return f"on line {_line(text, pos):,}"


def _previous(text: str, pos: int) -> int:
    """The position of the last character before ``pos`` that is not white space, or -1."""
    index = pos - 1
    while index >= 0 and text[index] in " \t\r\n":
        index -= 1
    return index


def _next(text: str, pos: int) -> int:
    """The position of the first character from ``pos`` on that is not white space, or ``len(text)``."""
    index = pos
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _word_at(text: str, pos: int) -> str:
    """The name, text or word that starts at ``pos``, as written (a name with its quotes), or 'word'."""
    if text.startswith('"', pos):
        end = text.find('"', pos + 1, pos + _SHOWN_WORD)
        if end > pos:
            return text[pos : end + 1]
    end = pos
    while end < len(text) and end - pos < _SHOWN_WORD and not text[end].isspace() and text[end] not in ',:{}[]"':
        end += 1
    return repr(text[pos:end] or text[pos : pos + 1])


def _extra_comma(text: str, comma: int, closer: int) -> str:
    bracket = text[closer]
    if _line(text, comma) == _line(text, closer):
        return f"there is an extra comma before the {bracket} {_where(text, closer)}"
    return f"there is an extra comma {_where(text, comma)}, before the {bracket} {_where(text, closer)}"


def json_error_words(error: json.JSONDecodeError) -> str:
    """What is wrong and where, starting in lower case (``"there is an extra comma before the } on line 56"``)."""
    text, pos = error.doc, min(max(error.pos, 0), len(error.doc))
    message = error.msg
    if message.startswith("Unterminated string"):
        return f'a text that starts {_where(text, pos)} has no closing quote (")'
    if message.startswith("Invalid control character"):
        return f'a text {_where(text, pos)} goes on past the end of its line: close it with a quote (")'
    if message.startswith(("Invalid \\escape", "Invalid \\uXXXX")):
        return f"a text {_where(text, pos)} has a backslash (\\) that is not allowed there: write two (\\\\)"
    if message.startswith("Extra data"):
        last = _previous(text, pos)
        after = f" after the closing {text[last]}" if last >= 0 and text[last] in _CLOSERS else ""
        return f"there is more text {_where(text, pos)}{after}, where the file should end"
    here = _next(text, pos)
    if here >= len(text):
        return f"it ends too early {_where(text, len(text))}: something is missing at the end, such as a }} or ]"
    char = text[here]
    before = _previous(text, here)
    if char == "," and _next(text, here + 1) < len(text) and text[_next(text, here + 1)] in _CLOSERS:
        return _extra_comma(text, here, _next(text, here + 1))  # how newer Pythons point at a trailing comma
    if char in _CLOSERS and before >= 0 and text[before] == ",":
        return _extra_comma(text, before, here)
    if char == "'":
        return f"names and texts need double quotes (\"), not single ones ('), {_where(text, here)}"
    if char == "/":
        return f"notes (comments) cannot be written in the file: remove the one {_where(text, here)}"
    if message.startswith("Expecting ':'"):
        return f"a colon (:) is missing after the name {_where(text, here)}"
    if message.startswith("Expecting ','"):
        if char in _CLOSERS:
            return f"the {char} {_where(text, here)} does not match the bracket it should close"
        if before >= 0 and _line(text, before) != _line(text, here):
            return f"a comma is missing at the end of line {_line(text, before):,}"
        return f"a comma is missing {_where(text, here)}, before {_word_at(text, here)}"
    if char == ",":
        return f"a value is missing before the comma {_where(text, here)}"
    if char in _CLOSERS and before >= 0 and text[before] == ":":
        return f"a value is missing after the colon {_where(text, before)}"
    if message.startswith("Expecting property name"):
        return f'a name {_where(text, here)} is not in double quotes (")'
    return f'{_word_at(text, here)} {_where(text, here)} is not understood: texts need double quotes (")'
