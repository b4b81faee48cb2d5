"""Commands that build the window: ``screenshot`` and ``self-test``.

Their arguments are declared in ``app.cli`` (without importing Qt); Qt is imported when one runs.
Both run offscreen (no screen needed) unless a platform is already chosen.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys

from app.language import tr


def _offscreen(scale: float = 1.0) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if scale != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(scale)


# The smallest window the screenshot takes: the window's layout cannot be made smaller than about
# 611x370 (its minimumSizeHint, offscreen at 100 %), and a smaller --size would give a bigger picture
# than asked for. tests/ui/shell/test_ui_main_window.py checks that the window still fits.
MIN_WIDTH, MIN_HEIGHT = 640, 400
# The largest picture (8K): bigger ones take gigabytes of memory and show nothing more.
MAX_WIDTH, MAX_HEIGHT = 7680, 4320
MIN_SCALE, MAX_SCALE = 0.5, 4.0


# Between the width and the height of --size, lower-cased: the Latin x, the Cyrillic х (a Ukrainian
# keyboard types it in the same place) and the multiplication sign ×.
SIZE_MARKS = "xх×"


def _size(text: str) -> tuple[int, int] | str:
    """``--size`` as (width, height), or why it cannot be used."""
    match = re.fullmatch(rf"(\d{{1,5}})\s*[{SIZE_MARKS}]\s*(\d{{1,5}})", text.strip().lower())
    if not match:
        # Translators: WIDTHxHEIGHT is how the option is written: keep it as it is.
        return tr(
            "--size takes WIDTHxHEIGHT, for example 1280x820 (the smallest is {smallest}, the largest {largest})."
        ).format(smallest=_dimensions(MIN_WIDTH, MIN_HEIGHT), largest=_dimensions(MAX_WIDTH, MAX_HEIGHT))
    width, height = int(match.group(1)), int(match.group(2))
    if width < MIN_WIDTH or height < MIN_HEIGHT:
        return tr("--size {size} is too small: the smallest window is {smallest}.").format(
            size=_dimensions(width, height), smallest=_dimensions(MIN_WIDTH, MIN_HEIGHT)
        )
    if width > MAX_WIDTH or height > MAX_HEIGHT:
        return tr("--size {size} is too large: the largest window is {largest}.").format(
            size=_dimensions(width, height), largest=_dimensions(MAX_WIDTH, MAX_HEIGHT)
        )
    return width, height


def _dimensions(width: int, height: int) -> str:
    """``1280x820``: a size as ``--size`` takes it."""
    return f"{width}x{height}"


def _scale_problem(scale: float, size: tuple[int, int]) -> str | None:
    """Why ``--scale`` cannot be used with this size, or None."""
    if not math.isfinite(scale) or not MIN_SCALE <= scale <= MAX_SCALE:
        return tr("--scale {scale} cannot be used: choose from {smallest} to {largest} (2 for 200 %).").format(
            scale=f"{scale:g}", smallest=f"{MIN_SCALE:g}", largest=f"{MAX_SCALE:g}"
        )
    width, height = round(size[0] * scale), round(size[1] * scale)
    if width > MAX_WIDTH or height > MAX_HEIGHT:
        return tr(
            "--size {size} with --scale {scale} makes a picture of {picture}: the largest is {largest}. "
            "Choose a smaller size or scale."
        ).format(
            size=_dimensions(*size),
            scale=f"{scale:g}",
            picture=_dimensions(width, height),
            largest=_dimensions(MAX_WIDTH, MAX_HEIGHT),
        )
    return None


def _refuse(problem: str) -> int:
    sys.stderr.write(f"rcs-desk: {problem}\n")
    return 1


def run_screenshot(args: argparse.Namespace) -> int:
    if not args.out.lower().endswith(".png"):
        return _refuse(tr("{file}: use a .png name (the picture is saved as PNG).").format(file=args.out))
    size = _size(args.size)
    if isinstance(size, str):
        return _refuse(size)
    scale_problem = _scale_problem(args.scale, size)
    if scale_problem:
        return _refuse(scale_problem)
    _offscreen(args.scale)
    from ui.shell.screenshot import take_screenshot

    return take_screenshot(
        args.out, args.file, demo=args.demo, api_url=args.api_url, size=size, theme=args.theme, tab=args.tab
    )


def run_self_test(args: argparse.Namespace) -> int:
    _offscreen()
    from ui.shell.self_test import self_test

    return self_test()
