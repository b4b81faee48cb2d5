"""The window's budgets, each against a bare PySide6 window measured in the same run.

1. Start to first painted window from source: ``rcs-desk`` (a first start: no settings, no key),
   ``rcs-desk --demo`` and ``rcs-desk --demo examples/spring-sale.rcs.json``, against
   benchmarks/hello_window.py; median of alternating runs, bytecode written beforehand. Budget: 2x.
2. Stalls (benchmarks/ui_scenario.py, a 5 ms heartbeat from the first paint on): the longest over the
   start, connecting, 10,000 lists, 5 pictures and a send the server answers after 3 s; the one when
   the send's answer arrives and the result dialog is built. Budget: 50 ms each. The bare window's
   longest gap under the same heartbeat is the reference (what the machine costs). One more run
   samples the GUI thread's stack during the stalls: the notes list what they were made of.
3. Peak memory of that scenario. Budget: 150 MiB.

Run: ``.venv/bin/python benchmarks/bench_ui.py`` (or everything: benchmarks/run_all.py).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from measure import (
    HELLO_WINDOW,
    ROOT,
    Row,
    alternate,
    median,
    not_measured,
    precompile,
    print_table,
    program_env,
    run_json,
    spread,
    time_to_first_paint,
)

START_BUDGET = 2.0
STALL_BUDGET_MS = 50
MEMORY_BUDGET_MIB = 150
SCENARIO = ROOT / "benchmarks" / "ui_scenario.py"
EXAMPLE = ROOT / "examples" / "spring-sale.rcs.json"


def start_rows(runs: int) -> list[Row]:
    """Start to first paint from source, each way of starting against the bare window, in turns."""
    home = Path(tempfile.mkdtemp(prefix="rcs-desk-bench-home-"))
    env = program_env(home)
    app = [sys.executable, "-m", "rcs_desk"]
    ways = {
        "`rcs-desk`": app,
        "`rcs-desk --demo`": [*app, "--demo"],
        "`rcs-desk --demo spring-sale.rcs.json`": [*app, "--demo", str(EXAMPLE)],
    }

    def start(command: list[str]) -> float:
        shutil.rmtree(home, ignore_errors=True)  # a first start every time: no settings, no key
        return time_to_first_paint(command, env)

    programs = {name: (lambda command=command: start(command)) for name, command in ways.items()}
    programs["bare"] = lambda: time_to_first_paint([sys.executable, str(HELLO_WINDOW)], env)
    times = alternate(programs, runs)
    bare = median(times["bare"])
    rows = []
    for name in ways:
        ratio = median(times[name]) / bare
        rows.append(
            Row(
                f"start to first paint from source, {name}",
                f"**{ratio:.2f}x** ({median(times[name]):.3f} s)",
                f"bare window {bare:.3f} s",
                f"≤ {START_BUDGET:.1f}x",
                ratio <= START_BUDGET,
                [f"median of {runs} alternating starts; {name} {spread(times[name])}, bare {spread(times['bare'])}"],
            )
        )
    shutil.rmtree(home, ignore_errors=True)
    return rows


def run_scenario(options: list[str]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as home:
        env = dict(program_env(Path(home)), RCS_DESK_REPORT_FIRST_PAINT="")
        return run_json([sys.executable, str(SCENARIO), *options], env, timeout_s=300)


def _frames(label: str, stall: dict[str, Any]) -> list[str]:
    """A stall and its most sampled functions, for the notes."""
    lines = [
        (
            f"{label}: {stall['ms']} ms at {stall['at_s']} s ({stall['phase']}); CPU: GUI thread "
            f"{stall['cpu_gui_ms']} ms, whole program {stall['cpu_process_ms']} ms; {stall['samples']} stack samples"
        )
    ]
    if stall["ours"]:
        lines.append("    program functions on the stack: " + ", ".join(f"{name} {n}" for name, n in stall["ours"]))
    if stall["leaf"]:
        lines.append("    innermost: " + ", ".join(f"{name} {n}" for name, n in stall["leaf"]))
    return lines


def _went_through(result: dict[str, Any]) -> dict[str, Any]:
    if result["error"] or not str(result["sent"]).startswith("sent"):
        raise RuntimeError(f"the scenario did not go through: {result['error'] or result['sent']}")
    return result


def _median_run(results: list[dict[str, Any]], key: Callable[[dict[str, Any]], float]) -> dict[str, Any]:
    return sorted(results, key=key)[len(results) // 2]


def _stall(stall: dict[str, Any]) -> str:
    return f"{stall['ms']} ms ({stall['cpu_gui_ms']} ms CPU, {stall['phase']})"


def stall_rows(runs: int, options: list[str]) -> list[Row]:
    """The scenario ``runs`` times for the figures, once more with the stack sampler for the notes
    (sampling takes Python's lock from the GUI thread: it is kept out of the figures), then the bare
    window under the same heartbeat as long as one run."""
    results = [_went_through(run_scenario([*options, "--no-samples"])) for _ in range(runs)]
    profile = _went_through(run_scenario(options))
    bare = run_scenario(["--bare", f"{statistics.median(result['seconds'] for result in results):.1f}"])
    typical = _median_run(results, lambda result: result["max_stall_ms"])
    longest_ms = statistics.median(result["max_stall_ms"] for result in results)
    notes = [
        f"median of {runs} runs; the longest stall of each: "
        + "; ".join(_stall(result["max_stall"]) for result in results),
        "stalls over 50 ms in each run: " + ", ".join(str(result["stalls_over_50_ms"]) for result in results),
        f"loaded: {typical['lists']:,} lists, {typical['pictures']} pictures; {typical['sent']}; {typical['seconds']}s",
        (
            f"stack samples (one more run, sampled: longest stall {profile['max_stall_ms']} ms, "
            f"{profile['samples']} samples), its worst stalls:"
        ),
    ]
    for index, stall in enumerate(profile["worst"], 1):
        notes += ["  " + line for line in _frames(f"#{index}", stall)]
    overall = profile["all_stalls_top"]
    notes.append(
        "over every stall > 20 ms of that run, program functions on the stack: "
        + ", ".join(f"{name} {n}" for name, n in overall["ours"])
    )
    notes.append("innermost: " + ", ".join(f"{name} {n}" for name, n in overall["leaf"]))
    rows = [
        Row(
            "longest event-loop stall: start + connect + 10,000 lists + 5 pictures + slow send (5 ms heartbeat)",
            f"**{longest_ms:.0f} ms** ({typical['max_stall']['cpu_gui_ms']} ms GUI-thread CPU)",
            f"bare window {bare['max_stall_ms']} ms",
            f"≤ {STALL_BUDGET_MS} ms",
            longest_ms <= STALL_BUDGET_MS,
            notes,
        )
    ]
    answers = [result["answer_stall"] for result in results if result["answer_stall"]]
    answer_what = "stall when a send's answer arrives (result dialog built)"
    if len(answers) < len(results):
        rows.append(not_measured(answer_what, f"≤ {STALL_BUDGET_MS} ms", "a run saw no answer"))
    else:
        answer_ms = statistics.median(answer["ms"] for answer in answers)
        middle = _median_run(answers, lambda answer: answer["ms"])
        answer_notes = [f"median of {runs} runs: " + "; ".join(_stall(answer) for answer in answers)]
        if profile["answer_stall"]:
            answer_notes += _frames("the sampled run", profile["answer_stall"])
        rows.append(
            Row(
                answer_what,
                f"**{answer_ms:.0f} ms** ({middle['cpu_gui_ms']} ms GUI-thread CPU)",
                f"bare window {bare['max_stall_ms']} ms",
                f"≤ {STALL_BUDGET_MS} ms",
                answer_ms <= STALL_BUDGET_MS,
                answer_notes,
            )
        )
    peak = statistics.median(result["peak_rss_mib"] for result in results)
    rows.append(
        Row(
            "peak memory of that scenario",
            f"{peak:.0f} MiB",
            f"bare window {bare_window_peak_mib():.0f} MiB",
            f"≤ {MEMORY_BUDGET_MIB} MiB",
            peak <= MEMORY_BUDGET_MIB,
            [],
        )
    )
    return rows


def bare_window_peak_mib() -> float:
    code = (
        "import resource; from PySide6.QtCore import QTimer; "
        "from PySide6.QtWidgets import QApplication, QLabel, QMainWindow; "
        "app = QApplication([]); w = QMainWindow(); w.setCentralWidget(QLabel('Hello')); "
        "w.resize(1280, 820); w.show(); QTimer.singleShot(300, app.quit); app.exec(); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        check=True,
    )
    return float(result.stdout.strip())


def scenario_options(quick: bool) -> list[str]:
    """The scenario's size: the budgets' own, or a tiny one that only shows the scripts work."""
    return ["--lists", "200", "--picture-delay", "0.05", "--send-delay", "0.2"] if quick else []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed starts of each program (default 9)")
    parser.add_argument("--scenario-runs", type=int, default=5, help="runs of the stall scenario (default 5)")
    parser.add_argument("--quick", action="store_true", help="a tiny scenario: checks the script, times nothing")
    args = parser.parse_args()
    precompile()
    print_table([*stall_rows(args.scenario_runs, scenario_options(args.quick)), *start_rows(args.runs)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
