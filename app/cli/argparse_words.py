"""argparse's own words ("usage:", its section titles, its error sentences) in the program's language.

argparse looks each of its texts up with gettext through its module-level ``_`` and ``ngettext``, as
Python's "How to translate the argparse output" describes. Left alone, those read gettext's global
domain in the environment's language; the program's language may be chosen in Settings instead, and its
texts are in the program's catalog. So argparse's look-ups are pointed at the program's ``tr`` and
``tr_n`` (once, when the command line is imported), and the texts a user of ``rcs-desk`` can meet are
listed here so that the catalog holds them. The texts are argparse's own, character for character (Python
3.11 to 3.13); one that a later Python words differently is shown in English.
"""

from __future__ import annotations

import argparse
import re

from app.language import tr, tr_mark, tr_n

ARGUMENT_PROBLEM = tr_mark("argument %(argument_name)s: %(message)s")
HELP_OPTION = tr_mark("show this help message and exit")

ARGPARSE_TEXTS = (
    tr_mark("usage: "),
    tr_mark("positional arguments"),
    tr_mark("options"),
    HELP_OPTION,
    ARGUMENT_PROBLEM,
    tr_mark("unrecognized arguments: %s"),
    tr_mark("the following arguments are required: %s"),
    tr_mark("one of the arguments %s is required"),
    tr_mark("not allowed with argument %s"),
    tr_mark("expected one argument"),
    tr_mark("expected at most one argument"),
    tr_mark("expected at least one argument"),
    tr_mark("ignored explicit argument %r"),
    tr_mark("ambiguous option: %(option)s could match %(matches)s"),
    tr_mark("invalid %(type)s value: %(value)r"),
    tr_mark("invalid choice: %(value)r (choose from %(choices)s)"),
)


def speak_the_program_language() -> None:
    """Make argparse say its texts through the program's catalog, in the language in use when it says them."""
    # argparse has no hook for its texts but these two module names (Python's i18n how-to relies on them).
    setattr(argparse, "_", tr)  # noqa: B010 (a plain assignment is an attribute argparse's stubs do not declare)
    setattr(argparse, "ngettext", tr_n)  # noqa: B010


def without_argument_name(message: str) -> str:
    """A problem with our own sentence (a capital first, in any language) needs no "argument ID:" in front;
    argparse's own (lower case) keep it. Works on the sentence as argparse wrote it, in the language in use."""
    before, _, after = tr(ARGUMENT_PROBLEM).partition("%(message)s")
    if after:  # a language that puts the argument's name after the problem: leave the sentence whole
        return message
    name = re.escape("%(argument_name)s")
    named = re.match(re.escape(before).replace(name, ".+?"), message)
    if named and not message[named.end() : named.end() + 1].islower():
        return message[named.end() :]
    return message
