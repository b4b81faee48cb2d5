"""What every benchmark script shares: starting programs and timing them, the table of budgets.

The machines are shared and noisy, so each figure is a ratio against a reference measured in the
same run, in alternating turns (drift affects both alike), as the median of several runs.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import sysconfig
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELLO_WINDOW = ROOT / "benchmarks" / "hello_window.py"
START_TIMEOUT_S = 60.0


def precompile() -> None:
    """Write the bytecode of the program and of the venv's packages before timing starts.

    ``PYTHONDONTWRITEBYTECODE=1`` may be set (it is on the shared machines): without bytecode on disk
    every start from source compiles the program again, which an installed program never does.
    """
    folders = [ROOT / name for name in ("app", "ui", "rcs_desk", "benchmarks")]
    folders.append(Path(sysconfig.get_paths()["purelib"]))
    # Some packages ship files that are not Python 3.11 (templates, tests): compileall says so and
    # goes on, so its exit status says nothing here.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "-j0", *map(str, folders)],
        capture_output=True,
        check=False,
        env=dict(os.environ, PYTHONDONTWRITEBYTECODE=""),
    )


def program_env(home: Path, *, source: bool = True) -> dict[str, str]:
    """The environment of a measured program: offscreen, its own settings folder, no API key; from
    ``source``, the project on the module path."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RCS_DESK_HOME=str(home), RCS_DESK_REPORT_FIRST_PAINT="1")
    env.pop("RCS_DESK_API_KEY", None)
    env.pop("RCS_DESK_API_URL", None)
    if source:
        env["PYTHONPATH"] = str(ROOT)
    else:
        env.pop("PYTHONPATH", None)
    return env


def time_to_first_paint(command: Sequence[str], env: dict[str, str]) -> float:
    """Seconds from starting ``command`` to its ``first-paint`` line on standard output; then it is ended.

    rcs-desk prints the line with RCS_DESK_REPORT_FIRST_PAINT=1 (ui/shell/first_paint.py),
    benchmarks/hello_window.py always.
    """
    started = time.perf_counter()
    process = subprocess.Popen(list(command), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("first-paint"):
                return time.perf_counter() - started
            if time.perf_counter() - started > START_TIMEOUT_S:
                break
        raise RuntimeError(f"{' '.join(command)} never reported its first paint")
    finally:
        process.kill()
        process.wait()


def wall(command: Sequence[str], env: dict[str, str] | None = None) -> float:
    """Seconds from starting ``command`` until it has ended."""
    started = time.perf_counter()
    subprocess.run(list(command), capture_output=True, check=False, env=env)
    return time.perf_counter() - started


def alternate(programs: dict[str, Callable[[], float]], runs: int) -> dict[str, list[float]]:
    """Each program timed ``runs`` times in turns, after one warm-up each (it reads the files from disk)."""
    for measure in programs.values():
        measure()
    times: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(runs):
        for name, measure in programs.items():
            times[name].append(measure())
    return times


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def spread(values: Sequence[float]) -> str:
    """The lowest and highest of ``values`` in milliseconds, for the notes: ``120-180 ms``."""
    return f"{min(values) * 1000:.0f}-{max(values) * 1000:.0f} ms"


def run_json(command: Sequence[str], env: dict[str, str], timeout_s: float) -> dict[str, object]:
    """Run a script that prints one JSON object as its last line; that object."""
    result = subprocess.run(list(command), capture_output=True, text=True, check=False, env=env, timeout=timeout_s)
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-4000:]}")
    data: dict[str, object] = json.loads(lines[-1])
    return data


@dataclass
class Row:
    """One line of the table: what was measured, the figure, the reference of the same run, the budget."""

    what: str
    measured: str
    reference: str
    budget: str
    met: bool | None  # None: not measured, or no budget
    notes: list[str]

    @property
    def verdict(self) -> str:
        return "—" if self.met is None else "met" if self.met else "NOT met"


def not_measured(what: str, budget: str, why: str) -> Row:
    return Row(what, "not measured", "", budget, None, [why])


def print_table(rows: Sequence[Row]) -> None:
    """The rows as a Markdown table (pasted into the README as it is), then each row's notes."""
    print("\n| what | measured | reference, same run | budget | |")
    print("|---|---:|---|---|---|")
    for row in rows:
        print(f"| {row.what} | {row.measured} | {row.reference} | {row.budget} | {row.verdict} |")
    for row in rows:
        if row.notes:
            print(f"\n{row.what}:")
            for note in row.notes:
                print(f"  {note}")
