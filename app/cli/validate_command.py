"""``rcs-desk validate FILE``: the file's problems, read without the network.

It imports only what reading and checking a file needs: no keyring, no HTTP client, no TLS
(tests/app/cli/test_cli_imports.py holds that).
"""

from __future__ import annotations

import argparse

from app.cli import EXIT_INPUT, EXIT_OK
from app.cli.files import checked_document
from app.language import tr, tr_mark
from app.platform.config import load_settings
from app.validation import has_errors

CHECKED_WHEN_SENDING = tr_mark("Pictures and contact lists are checked when you send.")


def validate(args: argparse.Namespace) -> int:
    checked = checked_document(args.file, load_settings(), print)
    if checked is None:
        return EXIT_INPUT
    _document, problems = checked
    if has_errors(problems):
        return EXIT_INPUT
    # validate reads only the file (no network): say what only a send can check.
    found = (
        tr("No errors found in the file, only the warnings above.")
        if problems
        else tr("No problems found in the file.")
    )
    print(f"{found} {tr(CHECKED_WHEN_SENDING)}")
    return EXIT_OK
