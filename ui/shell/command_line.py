"""What the window adds to the ``rcs-desk`` command line: opening the window, and the offscreen
commands ``screenshot`` and ``self-test``. Imports no Qt until one of them runs."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from app.cli import typed_words
from app.language import tr, tr_c

if TYPE_CHECKING:
    from app.cli import Subcommands

COMMANDS = "ui.shell.commands"


def add_commands(sub: Subcommands) -> None:
    p = sub.add_parser("screenshot", help=tr("save a picture of the window (offscreen)"))
    p.add_argument(
        "out", metavar=tr_c("command-line placeholder", "OUT.png"), help=tr("the picture file to write (PNG)")
    )
    p.add_argument(
        "file", nargs="?", metavar=tr_c("command-line placeholder", "FILE"), help=tr("campaign file to open first")
    )
    p.add_argument(
        "--size",
        default="1280x820",
        metavar=tr_c("command-line placeholder", "SIZE"),
        # Translators: WxH is how the option is written (width x height): keep it as it is.
        help=tr("window size WxH (default 1280x820, from 640x400 to 7680x4320)"),
    )
    p.add_argument(
        "--theme", choices=("system", "light", "dark"), default="system", help=tr("colours (default: the system's)")
    )
    p.add_argument(
        "--tab",
        choices=("message", "recipients", "schedule", "sms", "campaigns"),
        default="message",
        help=tr("the tab to show (default: message)"),
    )
    p.add_argument(
        "--scale",
        type=scale_number,
        default=1.0,
        metavar=tr_c("command-line placeholder", "SCALE"),
        # Translators: argparse prints "%%" as "%": keep it doubled.
        help=tr("device pixel ratio from 0.5 to 4, e.g. 2 for 200%% scaling"),
    )
    p.set_defaults(run=f"{COMMANDS}:run_screenshot")

    p = sub.add_parser("self-test", help=tr("send a demo campaign through the window's worker thread (offscreen)"))
    p.set_defaults(run=f"{COMMANDS}:run_self_test")


def scale_number(text: str) -> float:
    """``--scale`` as typed: ``1.5``, or ``1,5`` with a decimal comma (its bounds are checked when it runs)."""
    try:
        return float(text.strip().replace(",", ".", 1))
    except ValueError:
        # Translators: {typed} is what was typed instead: in the language's quotes.
        refusal = tr("--scale takes a number, like 1.5 or 2 (not “{typed}”).")
        raise argparse.ArgumentTypeError(refusal.format(typed=typed_words(text))) from None


def open_window(args: argparse.Namespace, files: list[str]) -> int:
    from ui.shell.system_libraries import missing_window_library

    missing = missing_window_library()
    if missing:  # said before Qt would stop the program with its own, technical words
        sys.stderr.write(f"rcs-desk: {missing}\n")
        return 1
    from ui.shell.application import run_window

    return run_window(demo=args.demo, api_url=args.api_url, files=files)
