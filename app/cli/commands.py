"""The commands ``lists``, ``set-key`` and ``sandbox``. Each takes the parsed arguments and returns an exit code.

The other commands have modules of their own (``validate_command``, ``send_command``,
``campaign_commands``, ``history_commands``): a command imports what it uses and no more, so
``validate`` starts without any network code and ``lists`` without the sending pipeline or the history.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from app.cli import EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, output
from app.cli.common import with_client
from app.cli.files import say
from app.language import tr, tr_mark
from app.platform.config import load_settings
from app.platform.credentials import CredentialsError, check_key_format, save_api_key
from app.tasks.connection import Connection

NO_TERMINAL_FOR_KEY = tr_mark(
    "No key was saved: there is no terminal to type the key on. Run `rcs-desk set-key` in a terminal window "
    "and type the key when it asks."
)


def lists(args: argparse.Namespace) -> int:
    def work(connection: Connection) -> int:
        found = connection.client.list_groups()
        if args.json:
            output.print_json([item.raw for item in found])
        else:
            output.print_lists(found)
        return EXIT_OK

    return with_client(args, work)


def set_key(args: argparse.Namespace) -> int:
    try:
        if not sys.stdin or not sys.stdin.isatty():  # a key given through a pipe: ``rcs-desk set-key < key.txt``
            key = sys.stdin.readline().strip() if sys.stdin else ""
            if not key:
                say(tr(NO_TERMINAL_FOR_KEY))
                return EXIT_INPUT
        else:
            key = getpass.getpass(tr("API key (typing is hidden): ")).strip()
    except KeyboardInterrupt:
        say("\n" + tr("No key was saved."))
        return EXIT_INTERRUPTED
    except EOFError:
        say("\n" + tr("No key was saved."))
        return EXIT_INPUT
    problem = check_key_format(key)
    if problem:
        # Translators: {problem} is a sentence saying what is wrong with the key typed.
        say(tr("{problem} No key was saved.").format(problem=problem))
        return EXIT_INPUT
    try:
        save_api_key(key)
    except CredentialsError as exc:
        say(str(exc))
        return EXIT_INPUT
    print(tr("The API key was saved in the system keyring."))
    return EXIT_OK


def sandbox(args: argparse.Namespace) -> int:
    from app.sandbox.loopback import CannotListen, run_sandbox

    settings = load_settings()
    try:
        run_sandbox(args.port, host=args.host, time_zone=settings.account_time_zone, list_count=args.lists)
    except CannotListen as exc:
        say(str(exc))
        return EXIT_INPUT
    return EXIT_OK
