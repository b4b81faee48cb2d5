"""Commands that build the window: ``screenshot`` and ``self-test``.

Their arguments are declared in ``app.cli`` (without importing Qt); Qt is imported when one runs.
Both run offscreen (no screen needed) unless a platform is already chosen.
"""

from __future__ import annotations

import argparse
import os
import re


def _offscreen(scale: float = 1.0) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(scale)


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d{3,5})x(\d{3,5})", text)
    if not match:
        raise SystemExit("--size takes WIDTHxHEIGHT, for example 1280x820")
    return int(match.group(1)), int(match.group(2))


def run_screenshot(args: argparse.Namespace) -> int:
    width, height = _size(args.size)
    _offscreen(args.scale)
    from ui.shell.screenshot import take_screenshot

    return take_screenshot(
        args.out, args.file, demo=args.demo, api_url=args.api_url, size=(width, height), theme=args.theme, tab=args.tab
    )


def run_self_test(args: argparse.Namespace) -> int:
    _offscreen()
    from ui.shell.self_test import self_test

    return self_test()
