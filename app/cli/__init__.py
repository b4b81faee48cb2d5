"""The ``rcs-desk`` command: opens the window when given no command, else runs one.

This module and what it imports for the commands never import Qt, so commands start fast.
A command's module is imported only when that command runs (``run`` names it as
"module:function"), and the window's start does not wait for the command modules.
The global options (``--demo``, ``--api-url``, ``-v``) may come before or after the command name.
Exit codes: 0 done; 1 nothing was sent because of the input (file, validation, no
confirmation or end of input at a prompt, usage, a server address that is no web address, from
--api-url, RCS_DESK_API_URL or the settings, ``send --yes`` of the same campaign sent a moment ago
without ``--again``); 2 the server refused; 3 the server could not be reached or the outcome is
unknown; 130 stopped with Ctrl+C. No traceback: a failure is said in a plain sentence on stderr.
The language of what a person reads (help, questions, messages) is chosen at the start of each
command: the one chosen in Settings, else the environment's (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``,
``LANG``, as gettext reads them); ``--json``, the ``error:``/``warning:`` + path start of a problem
line, exit codes and option names are the same in every language.
Standard output closed early by its reader: 1, like Python's advice for a broken pipe, except for a
``send`` or ``test`` that has sent: its own code.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, Protocol, TypeAlias
from urllib.parse import urlsplit

from app import APP_NAME, __version__
from app.cli.argparse_words import speak_the_program_language, without_argument_name
from app.cli.closed_pipe import flush_stdout, is_reader_gone, reader_gone
from app.language import SYSTEM, choose_language, current_language, tr, tr_c, use_language
from app.platform.windows_console import attach_for_terminal_use

speak_the_program_language()

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

EXIT_OK, EXIT_INPUT, EXIT_REFUSED, EXIT_UNREACHABLE = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # Ctrl+C, as shells report it
CORE = "app.cli.commands"
HISTORY = "app.cli.history_commands"
VALIDATE = "app.cli.validate_command"
SEND = "app.cli.send_command"
CAMPAIGN = "app.cli.campaign_commands"
REPORT = "app.cli.report_command"
TEST = "app.cli.test_command"
# The commands that talk to the server: its address is checked before they start.
SERVER_COMMANDS = frozenset({"send", "lists", "campaign", "stop", "campaigns", "report", "test"})


class _Parser(argparse.ArgumentParser):
    command_names: frozenset[str] = frozenset()

    def error(self, message: str) -> NoReturn:  # usage errors are "input" errors (exit 1), not "refused" (2)
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"{self.prog}: {without_argument_name(message)}\n")

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        """As argparse prints, but a closed standard output is left to ``main`` (exit 1, as for every
        command) instead of being ignored (exit 0)."""
        if message and file is sys.stdout and sys.stdout is not None:
            sys.stdout.write(message)
        else:
            super()._print_message(message, file)


def _add_paid_options(command: argparse.ArgumentParser) -> None:
    """The options of the commands that cost money (``send``, ``test``): no question, and pictures."""
    command.add_argument("--yes", action="store_true", help=tr("send without asking for confirmation"))
    command.add_argument(
        "--send-anyway",
        action="store_true",
        help=tr("send even when a card's picture was found not to show on phones"),
    )


# What ``add_subparsers`` gives (quoted: argparse's class is generic only in its type stubs).
Subcommands: TypeAlias = "argparse._SubParsersAction[_Parser]"


def build_parser(window: WindowFrontEnd | None = None) -> _Parser:
    parser = _Parser(
        prog="rcs-desk",
        description=tr("{program}: compose, send and follow RCS campaigns. With no command, opens the window.").format(
            program=APP_NAME
        ),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"{APP_NAME} {__version__}",
        help=tr("show the program's version and exit"),
    )
    _add_global_options(parser)
    # Translators: the placeholders of the usage lines ("rcs-desk COMMAND", "send FILE"), in capitals: the
    # word a person replaces by what they type.
    command_word = tr_c("command-line placeholder", "COMMAND")
    sub = parser.add_subparsers(dest="command", metavar=command_word, parser_class=_Parser)

    p = sub.add_parser("validate", help=tr("check a campaign file; sends nothing"))
    _add_campaign_file(p)
    p.set_defaults(run=f"{VALIDATE}:validate")

    p = sub.add_parser("send", help=tr("validate and send a campaign file"))
    _add_campaign_file(p)
    _add_paid_options(p)
    p.add_argument(
        "--again",
        action="store_true",
        help=tr("with --yes, send even when the same campaign was sent from this computer a moment ago"),
    )
    p.add_argument("--json", action="store_true", help=tr("print the created campaign as JSON"))
    p.set_defaults(run=f"{SEND}:send")

    p = sub.add_parser("test", help=tr("send the campaign's message to a few of your own phones"))
    _add_campaign_file(p)
    p.add_argument(
        "--to",
        action="append",
        required=True,
        metavar=tr_c("command-line placeholder", "NUMBER"),
        help=tr("a phone to test on (up to 5: repeat --to)"),
    )
    _add_paid_options(p)
    p.add_argument("--json", action="store_true", help=tr("print the server's answer for each phone as JSON"))
    p.set_defaults(run=f"{TEST}:test")

    p = sub.add_parser("lists", help=tr("show the account's contact lists"))
    p.add_argument("--json", action="store_true", help=tr("print every list as one JSON array"))
    p.set_defaults(run=f"{CORE}:lists")

    p = sub.add_parser("campaign", help=tr("show a campaign's status and statistics"))
    _add_campaign_number(p)
    p.add_argument("--json", action="store_true", help=tr("print the campaign as JSON"))
    p.set_defaults(run=f"{CAMPAIGN}:campaign")

    p = sub.add_parser("stop", help=tr("stop a scheduled or running campaign"))
    _add_campaign_number(p)
    p.add_argument("--yes", action="store_true", help=tr("stop without asking for confirmation"))
    p.set_defaults(run=f"{CAMPAIGN}:stop")

    p = sub.add_parser("report", help=tr("write every message of a campaign to a CSV file"))
    _add_campaign_number(p)
    p.add_argument(
        "--out",
        metavar=tr_c("command-line placeholder", "FILE.csv"),
        help=tr("the CSV file to write, with a summary file beside it; --out or --json is needed"),
    )
    p.add_argument("--overwrite", action="store_true", help=tr("replace the CSV files if they exist, without asking"))
    p.add_argument("--json", action="store_true", help=tr("print the messages as one JSON array instead"))
    p.set_defaults(run=f"{REPORT}:report")

    p = sub.add_parser("set-key", help=tr("save the API key in the system keyring (read from the terminal)"))
    p.set_defaults(run=f"{CORE}:set_key")

    p = sub.add_parser("sandbox", help=tr("run the built-in demo server on this computer"))
    p.add_argument(
        "--port",
        type=int,
        default=8765,
        metavar=tr_c("command-line placeholder", "PORT"),
        help=tr("port to listen on (default: 8765)"),
    )
    p.add_argument(
        "--host",
        default="127.0.0.1",
        metavar=tr_c("command-line placeholder", "HOST"),
        help=tr("address to listen on (default: 127.0.0.1)"),
    )
    p.add_argument(
        "--lists",
        type=int,
        default=None,
        # Translators: N is also in the option's help ("serve N generated contact lists"): the same letter.
        metavar=tr_c("command-line placeholder", "N"),
        help=tr("serve N generated contact lists"),
    )
    p.set_defaults(run=f"{CORE}:sandbox")

    p = sub.add_parser("campaigns", help=tr("show the campaigns sent from this computer, with fresh statuses"))
    p.add_argument("--json", action="store_true", help=tr("print every campaign as one JSON array"))
    p.add_argument("--all", action="store_true", help=tr("also show campaigns created in the web account"))
    p.add_argument("--offline", action="store_true", help=tr("do not ask the server; show the statuses last seen"))
    p.set_defaults(run=f"{HISTORY}:campaigns")

    if window is not None:
        window.add_commands(sub)
    for command in sub.choices.values():  # also after the command name, the window's commands included
        _add_global_options(command, default=argparse.SUPPRESS)
    parser.command_names = frozenset(sub.choices)
    return parser


def _add_campaign_file(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "file", metavar=tr_c("command-line placeholder", "FILE"), help=tr("the campaign file (.rcs.json)")
    )


def _add_campaign_number(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "id",
        type=campaign_number,
        metavar=tr_c("command-line placeholder", "ID"),
        help=tr("the campaign's number, like 844836977"),
    )


def campaign_number(text: str) -> int:
    """A campaign number as typed (``844836977``); anything else is a usage error in plain words."""
    digits = text.strip()
    if not digits.isascii() or not digits.isdigit() or len(digits) > 18:
        # Translators: {typed} is what was typed instead: in the language's quotes.
        refusal = tr("The campaign number must be digits, like 844836977 (not “{typed}”).")
        raise argparse.ArgumentTypeError(refusal.format(typed=typed_words(text)))
    return int(digits)


TYPED_SHOWN = 40  # characters of a typed text quoted back in a sentence


def typed_words(text: str) -> str:
    """What was typed, to quote back in a sentence: on one line, ended in "…" past ``TYPED_SHOWN`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= TYPED_SHOWN else line[: TYPED_SHOWN - 1] + "…"


def _add_global_options(parser: argparse.ArgumentParser, default: Any = None) -> None:
    """``--demo``, ``--api-url``, ``-v``. On a command's parser ``default`` is ``argparse.SUPPRESS``, so
    an option given before the command name is not overwritten by the command's default."""
    flag_default = False if default is None else default
    parser.add_argument(
        "--demo", action="store_true", default=flag_default, help=tr("use the built-in demo server: nothing is sent")
    )
    parser.add_argument(
        "--api-url",
        metavar=tr_c("command-line placeholder", "URL"),
        default=default,
        help=tr("server address (default: from settings)"),
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", default=flag_default, help=tr("print technical details of failures")
    )


def is_web_address(url: str) -> bool:
    """Whether ``url`` is an http(s) address with a host (and a port, if any, that is a port)."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that is no number or out of range
        usable = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        usable = False
    return usable and not any(ch.isspace() for ch in url)


def web_address_problem(url: str) -> str | None:
    """A sentence when ``url``, given with --api-url, is not an http(s) address with a host, else None."""
    if is_web_address(url):
        return None
    return tr("--api-url {address} is not a web address (it should look like https://one-api.wwt.world).").format(
        address=repr(url)
    )


class WindowFrontEnd(Protocol):
    """What the window adds to the command line (``ui.shell.command_line``), handed in by ``rcs_desk``:
    the core never imports the window."""

    def add_commands(self, sub: Subcommands) -> None: ...

    def open_window(self, args: argparse.Namespace, files: list[str]) -> int: ...


def _resolve(target: str) -> Callable[[argparse.Namespace], int]:
    module, _, function = target.partition(":")
    command: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(module), function)
    return command


def open_window(args: argparse.Namespace, files: list[str], window: WindowFrontEnd | None) -> int:
    if window is None:
        print(tr("The window is not part of this installation; use a command (rcs-desk --help)."), file=sys.stderr)
        return EXIT_INPUT
    return window.open_window(args, files)


def _looks_like_a_command(argument: str) -> bool:
    """A word that is no file here and no campaign file name: a mistyped command, not a file to open."""
    if argument.endswith(".json") or "/" in argument or "\\" in argument:
        return False
    try:
        return not Path(argument).exists()
    except (OSError, ValueError):  # a name too long for the file system, or with a NUL
        return True


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


def main(argv: Sequence[str] | None = None, *, window: WindowFrontEnd | None = None) -> int:
    """Run the command in ``argv``; with none, open the window (``window``: what the window adds).

    A reader that closes standard output early (``rcs-desk lists --json | head -c 10``) ends the command
    quietly with exit code 1; ``send`` and ``test`` keep their own code once they have sent (see
    ``closed_pipe.after_the_send``).
    """
    try:
        try:
            return _command_line(argv, window)
        finally:  # also after --help (SystemExit): a closed pipe is said here, not by Python at exit
            flush_stdout()
    except OSError as exc:
        if not is_reader_gone(exc):
            raise
        reader_gone()
        return EXIT_INPUT


def _command_line(argv: Sequence[str] | None, window: WindowFrontEnd | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    use_language(choose_language(SYSTEM, environ=os.environ))  # the window chooses its own when it opens
    parser = build_parser(window)
    first = _first_positional(argv)
    mistyped = first is not None and argv[first] not in parser.command_names and _looks_like_a_command(argv[first])
    command_given = first is not None and (argv[first] in parser.command_names or mistyped)
    # Packaged windowed program on Windows: print to the terminal it was started from (before logging binds stderr).
    attach_for_terminal_use(argv, command_given=command_given)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    if (command_given or _asks_for_help(argv)) and _use_the_settings():
        parser = build_parser(window)  # the help texts in the language chosen in Settings
    if mistyped and first is not None:  # (mistyped implies a first positional)
        import difflib

        suggestion = difflib.get_close_matches(argv[first], sorted(parser.command_names), n=1)
        if suggestion:
            refusal = tr("'{typed}' is not a command or a campaign file. Did you mean '{command}'?")
        else:
            refusal = tr("'{typed}' is not a command or a campaign file. See rcs-desk --help.")
        typed, command = argv[first], suggestion[0] if suggestion else ""
        parser.exit(EXIT_INPUT, f"rcs-desk: {refusal.format(typed=typed, command=command)}\n")
    if first is None or argv[first] not in parser.command_names:
        # No command: open the window, with the campaign file given as its argument if any.
        options, files = _split_files(argv[first:]) if first is not None else ([], [])
        args = parser.parse_args((argv[:first] if first is not None else argv) + options)
        _check_api_url(parser, args)
        return open_window(args, files, window)
    args, extra = parser.parse_known_args(argv)
    if extra:
        # argparse cannot take an optional positional after options ("screenshot OUT --size 800x600 FILE")
        late_file = getattr(args, "file", "absent") is None and len(extra) == 1 and not extra[0].startswith("-")
        if not late_file:
            parser.error(tr("unrecognized arguments: {arguments}").format(arguments=" ".join(extra)))
        args.file = extra[0]
    _check_api_url(parser, args)
    _check_server_address(parser, args)
    try:
        return _resolve(args.run)(args)
    except KeyboardInterrupt:  # a send catches its own (see app.cli.send_report); elsewhere nothing is lost
        print("\n" + tr("Stopped."), file=sys.stderr)
        return EXIT_INTERRUPTED


def _split_files(rest: list[str]) -> tuple[list[str], list[str]]:
    """The global options and the files to open among the arguments after the first file."""
    options: list[str] = []
    files: list[str] = []
    takes_value = False
    for arg in rest:
        if takes_value or arg.startswith("-"):
            options.append(arg)
            takes_value = arg == "--api-url"
        else:
            files.append(arg)
    return options, files


def _check_api_url(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """A bad --api-url is an input error said before anything is sent (not "unreachable" later)."""
    problem = web_address_problem(args.api_url) if args.api_url is not None else None
    if problem:
        parser.exit(EXIT_INPUT, f"rcs-desk: {problem}\n")


def _check_server_address(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """The address from RCS_DESK_API_URL or the settings, checked like --api-url before a command that
    talks to the server starts (not "unreachable" after the questions)."""
    if args.demo or args.api_url is not None or args.command not in SERVER_COMMANDS or getattr(args, "offline", False):
        return
    from app.platform.config import DEFAULT_API_URL, ENV_API_URL, load_settings

    from_environment = os.environ.get(ENV_API_URL)
    url = from_environment or load_settings().api_url or DEFAULT_API_URL
    if is_web_address(url):
        return
    if from_environment:
        problem = tr(
            "The server address in {variable} ({address}) is not a web address (it should look like "
            "https://one-api.wwt.world). Correct it, or unset {variable}."
        ).format(variable=ENV_API_URL, address=repr(url))
    else:
        problem = tr(
            "The server address in Settings ({address}) is not a web address (it should look like "
            "https://one-api.wwt.world). Correct it in the window's Settings, or give one with --api-url."
        ).format(address=repr(url))
    parser.exit(EXIT_INPUT, f"rcs-desk: {problem}\n")


def _asks_for_help(argv: list[str]) -> bool:
    """``rcs-desk --help``, ``-h``: no command, but printed in the terminal like one."""
    return any(arg in ("-h", "--help") for arg in argv)


def _use_the_settings() -> bool:
    """Read the settings once before the command and speak the language chosen there (the system's
    when it is "system", or when the file cannot be used: such a file is moved aside here and said
    once on stderr, and the command's own reading then finds the defaults). Whether the language
    changed."""
    from app.platform.config import load_settings

    settings = load_settings()
    if settings.load_problem:
        print(f"rcs-desk: {settings.load_problem}", file=sys.stderr)
        return False
    before = current_language()
    use_language(choose_language(settings.language, environ=os.environ))
    return current_language() != before
