"""The ``rcs-desk`` command: opens the window when given no command, else runs one.

This module and what it imports for the commands never import Qt, so commands start fast.
Exit codes: 0 done; 1 nothing was sent because of the input (file, validation, no
confirmation, usage); 2 the server refused; 3 the server could not be reached or the
outcome is unknown.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from app import APP_NAME, __version__
from app.cli import commands

from app.cli.commands import EXIT_INPUT, EXIT_OK, EXIT_REFUSED, EXIT_UNREACHABLE  # noqa: F401, E402


class _Parser(argparse.ArgumentParser):
    command_names: frozenset[str] = frozenset()

    def error(self, message: str) -> None:  # usage errors are "input" errors (exit 1), not "refused" (2)
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: {message}\n")


def build_parser() -> _Parser:
    parser = _Parser(
        prog="rcs-desk",
        description=f"{APP_NAME}: compose, send and follow RCS campaigns. With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--demo", action="store_true", help="use the built-in demo server: nothing is sent")
    parser.add_argument("--api-url", metavar="URL", help="server address (default: from settings)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print technical details of failures")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("validate", help="check a campaign file; sends nothing")
    p.add_argument("file")
    p.set_defaults(run=commands.validate)

    p = sub.add_parser("send", help="validate and send a campaign file")
    p.add_argument("file")
    p.add_argument("--yes", action="store_true", help="send without asking for confirmation")
    p.add_argument("--json", action="store_true", help="print the created campaign as JSON")
    p.set_defaults(run=commands.send)

    p = sub.add_parser("lists", help="show the account's contact lists")
    p.add_argument("--json", action="store_true", help="print every list as one JSON array")
    p.set_defaults(run=commands.lists)

    p = sub.add_parser("campaign", help="show a campaign's status and statistics")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true", help="print the campaign as JSON")
    p.set_defaults(run=commands.campaign)

    p = sub.add_parser("stop", help="stop a scheduled or running campaign")
    p.add_argument("id", type=int)
    p.add_argument("--yes", action="store_true", help="stop without asking for confirmation")
    p.set_defaults(run=commands.stop)

    p = sub.add_parser("set-key", help="save the API key in the system keyring (read from the terminal)")
    p.set_defaults(run=commands.set_key)

    p = sub.add_parser("sandbox", help="run the built-in demo server on this computer")
    p.add_argument("--port", type=int, default=8765)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--lists", type=int, default=None, metavar="N", help="serve N generated contact lists")
    p.set_defaults(run=commands.sandbox)

    commands.add_window_commands(sub)
    parser.command_names = frozenset(sub.choices)
    return parser


def _first_positional(argv: list[str]) -> int | None:
    """Index of the first argument that is not a global option (or an option's value)."""
    skip_next = False
    for index, arg in enumerate(argv):
        if skip_next:
            skip_next = False
        elif arg == "--api-url":
            skip_next = True
        elif not arg.startswith("-"):
            return index
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    parser = build_parser()
    first = _first_positional(argv)
    if first is None or argv[first] not in parser.command_names:
        # No command: open the window, with the campaign file given as its argument if any.
        files = argv[first:] if first is not None else []
        args = parser.parse_args(argv[:first] if first is not None else argv)
        return commands.open_window(args, files)
    args, extra = parser.parse_known_args(argv)
    if extra:
        # argparse cannot take an optional positional after options ("screenshot OUT --size 800x600 FILE")
        late_file = getattr(args, "file", "absent") is None and len(extra) == 1 and not extra[0].startswith("-")
        if not late_file:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
        args.file = extra[0]
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
