"""What is wrong in a file that is not well-formed JSON, in words a person can act on.

``json.JSONDecodeError`` says ``Expecting property name enclosed in double quotes: line 56 column 2``;
``json_error_words`` says ``there is an extra comma before the } on line 56``. The text around the
error's position is looked at rather than the parser's message, which changes between Python versions.
"""

from __future__ import annotations

import json

from app.language import tr
from app.language.formats import format_count

_CLOSERS = "}]"
_SHOWN_WORD = 20  # characters of an unknown word quoted in a message


def _line(text: str, pos: int) -> str:
    """The line number of ``pos``, as people write it (a line people find with their editor's "go to line")."""
    return format_count(text.count("\n", 0, pos) + 1)


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
    bracket, line = text[closer], _line(text, closer)
    if _line(text, comma) == line:
        return tr("there is an extra comma before the {bracket} on line {line}").format(bracket=bracket, line=line)
    return tr("there is an extra comma on line {comma_line}, before the {bracket} on line {line}").format(
        comma_line=_line(text, comma), bracket=bracket, line=line
    )


def json_error_words(error: json.JSONDecodeError) -> str:
    """What is wrong and where, starting in lower case (``"there is an extra comma before the } on line 56"``)."""
    text, pos = error.doc, min(max(error.pos, 0), len(error.doc))
    message = error.msg
    if message.startswith("Unterminated string"):
        return tr('a text that starts on line {line} has no closing quote (")').format(line=_line(text, pos))
    if message.startswith("Invalid control character"):
        return tr('a text on line {line} goes on past the end of its line: close it with a quote (")').format(
            line=_line(text, pos)
        )
    if message.startswith(("Invalid \\escape", "Invalid \\uXXXX")):
        return tr("a text on line {line} has a backslash (\\) that is not allowed there: write two (\\\\)").format(
            line=_line(text, pos)
        )
    if message.startswith("Extra data"):
        last = _previous(text, pos)
        if last >= 0 and text[last] in _CLOSERS:
            return tr(
                "there is more text on line {line} after the closing {bracket}, where the file should end"
            ).format(line=_line(text, pos), bracket=text[last])
        return tr("there is more text on line {line}, where the file should end").format(line=_line(text, pos))
    here = _next(text, pos)
    if here >= len(text):
        return tr(
            "it ends too early on line {line}: something is missing at the end, such as a {brace} or {bracket}"
        ).format(line=_line(text, len(text)), brace="}", bracket="]")
    char = text[here]
    before = _previous(text, here)
    line = _line(text, here)
    if char == "," and _next(text, here + 1) < len(text) and text[_next(text, here + 1)] in _CLOSERS:
        return _extra_comma(text, here, _next(text, here + 1))  # how newer Pythons point at a trailing comma
    if char in _CLOSERS and before >= 0 and text[before] == ",":
        return _extra_comma(text, before, here)
    if char == "'":
        return tr("names and texts need double quotes (\"), not single ones ('), on line {line}").format(line=line)
    if char == "/":
        return tr("notes (comments) cannot be written in the file: remove the one on line {line}").format(line=line)
    if message.startswith("Expecting ':'"):
        return tr("a colon (:) is missing after the name on line {line}").format(line=line)
    if message.startswith("Expecting ','"):
        if char in _CLOSERS:
            return tr("the {bracket} on line {line} does not match the bracket it should close").format(
                bracket=char, line=line
            )
        if before >= 0 and _line(text, before) != line:
            return tr("a comma is missing at the end of line {line}").format(line=_line(text, before))
        return tr("a comma is missing on line {line}, before {word}").format(line=line, word=_word_at(text, here))
    if char == ",":
        return tr("a value is missing before the comma on line {line}").format(line=line)
    if char in _CLOSERS and before >= 0 and text[before] == ":":
        return tr("a value is missing after the colon on line {line}").format(line=_line(text, before))
    if message.startswith("Expecting property name"):
        return tr('a name on line {line} is not in double quotes (")').format(line=line)
    return tr('{word} on line {line} is not understood: texts need double quotes (")').format(
        word=_word_at(text, here), line=line
    )
