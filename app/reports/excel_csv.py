"""CSV as Excel opens it on Windows and macOS: UTF-8 with a byte-order mark, one header row, CRLF.

Excel reads a double-clicked CSV file with the computer's list separator: a comma where numbers are
written ``1.5``, a semicolon where they are written ``1,5`` (Ukrainian, German, French...). A file in the
other style opens as one column, so the caller picks the style of the computer (``excel_style_for``);
numbers are then written with that decimal mark. A ``sep=`` line would choose the separator in the file,
but Excel then stops reading the byte-order mark and garbles every non-English letter.

Text that Excel would change is protected: a phone number (``380661231231`` would show as
``3.80661E+11``) is written as a formula giving the text, and any other text that Excel would take for
a formula (starting with ``= + - @``) gets a leading apostrophe.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

from app.api.models import as_float

BOM = b"\xef\xbb\xbf"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExcelStyle:
    """The list separator and decimal mark of the computer the file is for."""

    delimiter: str
    decimal: str


COMMA = ExcelStyle(",", ".")
SEMICOLON = ExcelStyle(";", ",")


def excel_style_for(decimal_point: str) -> ExcelStyle:
    """The style Excel expects on a computer whose numbers use ``decimal_point`` (from its locale)."""
    return SEMICOLON if decimal_point.strip() == "," else COMMA


def text_cell(value: str | None) -> str:
    """Text as written, unless Excel would read it as a formula: then with a leading apostrophe."""
    if not value:
        return ""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def phone_cell(digits: str | None) -> str:
    """A phone number that stays text in Excel: ``="+380661231231"`` (digits only; else plain text)."""
    if not digits:
        return ""
    if digits.isascii() and digits.isdigit():
        return f'="+{digits}"'
    return text_cell(digits)


def number_cell(text: str | None, style: ExcelStyle) -> str:
    """A decimal number written by the server (``"0.0175696"``) with the style's decimal mark; text that
    is not a number is kept as text."""
    if not text:
        return ""
    text = text.strip()
    if as_float(text) is None:
        return text_cell(text)
    return text.replace(".", style.decimal) if style.decimal != "." else text


class CsvOut:
    """Rows written to a binary file as they come: the byte-order mark first, UTF-8, CRLF line ends."""

    def __init__(self, handle: BinaryIO, style: ExcelStyle) -> None:
        self._handle = handle
        handle.write(BOM)
        self._writer = csv.writer(self, delimiter=style.delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)

    def write(self, text: str) -> int:
        """For ``csv.writer``: one encoded line."""
        self._handle.write(text.encode("utf-8"))
        return len(text)

    def row(self, cells: Iterable[str]) -> None:
        self._writer.writerow(list(cells))
