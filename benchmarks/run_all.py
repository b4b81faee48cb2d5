"""Every budget of the program in one run, each against its reference measured in the same run.

    .venv/bin/python benchmarks/run_all.py [--runs 9] [--scenario-runs 5] [--quick] [--strict]

1. the longest event-loop stall from the first paint through connecting, 10,000 lists, 5 pictures
   and a slow send (5 ms heartbeat; the stack samples of the worst stalls are printed), against a
   bare window under the same heartbeat (bench_ui.py, ui_scenario.py);
2. the stall when the send's answer arrives and the result dialog is built (the same runs);
3. start to first paint from source against a bare PySide6 window (bench_ui.py);
4. the frozen program in dist/rcs-desk/ against a bare window frozen the same way (bench_package.py;
   "not measured" without a build);
5. ``rcs-desk validate`` against ``python -c "import httpx"`` and ``python -c pass`` (bench_core.py);
and beside them the scenario's peak memory and reading 10,000 lists. Prints a Markdown table (the
README's Benchmarks section) and the notes of each row. About 1.5 minutes on 2 shared cores (15 s
more the first time, to freeze the bare window). The machines are shared and noisy: quote the
ratios, not one absolute time.

``--quick`` runs every script at a tiny size (one run, 200 lists, no freezing, no bytecode
written): it checks that the benchmarks work and its figures mean nothing. A part that fails is
printed as "not measured" with its error, the others are still measured, and the exit code is 2.
``--strict`` exits with 1 when a budget is not met.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from collections.abc import Callable

from bench_core import lists_row, validate_row
from bench_package import frozen_rows
from bench_ui import scenario_options, stall_rows, start_rows
from measure import Row, not_measured, precompile, print_table


def attempt(what: str, measure: Callable[[], list[Row]], failed: list[str]) -> list[Row]:
    """The rows of ``measure``; when it fails, one "not measured" row saying why (the rest goes on)."""
    try:
        return measure()
    except Exception as exc:  # noqa: BLE001 - one part that fails must not hide the others' figures
        traceback.print_exc()
        failed.append(what)
        return [not_measured(what, "", f"failed: {type(exc).__name__}: {str(exc).strip().splitlines()[0]}")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed starts of each program (default 9)")
    parser.add_argument("--scenario-runs", type=int, default=5, help="runs of the stall scenario (default 5)")
    parser.add_argument("--quick", action="store_true", help="tiny sizes: checks the scripts, times nothing")
    parser.add_argument("--strict", action="store_true", help="exit with 1 when a budget is not met")
    args = parser.parse_args(argv)
    runs, scenario_runs = (1, 1) if args.quick else (args.runs, args.scenario_runs)

    started = time.perf_counter()
    if not args.quick:
        precompile()
    failed: list[str] = []
    stalls = attempt("event-loop stalls", lambda: stall_rows(scenario_runs, scenario_options(args.quick)), failed)
    rows = [
        *stalls[:2],
        *attempt("start to first paint from source", lambda: start_rows(runs), failed),
        *attempt("frozen start to first paint", lambda: frozen_rows(runs, build_bare=not args.quick), failed),
        *attempt("`rcs-desk validate`", lambda: [validate_row(runs)], failed),
        *stalls[2:],
        *attempt("reading lists", lambda: [lists_row(runs, 200 if args.quick else 10_000)], failed),
    ]
    print_table(rows)
    print(f"\n({time.perf_counter() - started:.0f} s{'; --quick: the figures mean nothing' if args.quick else ''})")
    if failed:
        return 2
    return 1 if args.strict and any(row.met is False for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
