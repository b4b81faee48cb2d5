"""``rcs-desk validate FILE``: the file's problems, read without the network.

It imports only what reading and checking a file needs: no keyring, no HTTP client, no TLS
(tests/app/cli/test_cli_imports.py holds that).
"""

from __future__ import annotations

import argparse

from app.cli import EXIT_INPUT, EXIT_OK, output
from app.cli.files import load_document
from app.language import tr, tr_mark
from app.platform.config import load_settings
from app.validation import has_errors, validate_document

CHECKED_WHEN_SENDING = tr_mark("Pictures and contact lists are checked when you send.")


def validate(args: argparse.Namespace) -> int:
    settings = load_settings()
    document = load_document(args.file, settings)
    if document is None:
        return EXIT_INPUT
    problems = validate_document(document)
    for problem in problems:
        print(output.problem_line(problem))
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
