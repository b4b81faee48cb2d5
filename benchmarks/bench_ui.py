"""Window budgets (issue: the composer window), measured in one run on this machine.

1. Start to first painted window: ``rcs-desk --demo`` against a bare PySide6 window
   (benchmarks/hello_window.py), both from source, median of several alternating runs. Budget: 2x.
2. The longest event-loop stall while 10,000 lists load, 5 previews load and a send waits 3 s
   on a slow server (benchmarks/ui_scenario.py, a 5 ms heartbeat timer; the servers run in
   processes of their own). Budget: 50 ms.
3. Peak memory of that scenario (5 cards with previews, 10,000 lists). Budget: 150 MiB; the bare
   window's peak is printed beside it.

Run: ``.venv/bin/python benchmarks/bench_ui.py``. The machines are shared and noisy: compare
the ratios printed here, do not quote one absolute time.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 7


def _env(home: str) -> dict[str, str]:
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        RCS_DESK_HOME=home,
        RCS_DESK_REPORT_FIRST_PAINT="1",
        PYTHONPATH=str(ROOT),
    )


def time_to_first_paint(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting ``command`` until it prints its first-paint line; then it is ended."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        for line in process.stdout:  # type: ignore[union-attr]
            if line.startswith("first-paint"):
                return time.perf_counter() - started
        raise RuntimeError(f"{command[1:]} ended without painting")
    finally:
        process.kill()
        process.wait()


def bench_start(home: str) -> None:
    app = [sys.executable, "-m", "rcs_desk", "--demo"]
    bare = [sys.executable, str(ROOT / "benchmarks" / "hello_window.py")]
    env = _env(home)
    time_to_first_paint(app, env)  # warm the file cache for both
    time_to_first_paint(bare, env)
    app_times, bare_times = [], []
    for _ in range(RUNS):
        app_times.append(time_to_first_paint(app, env))
        bare_times.append(time_to_first_paint(bare, env))
    app_s, bare_s = statistics.median(app_times), statistics.median(bare_times)
    ratio = app_s / bare_s
    print(
        f"start to first paint: rcs-desk --demo {app_s:.3f} s, bare PySide6 window {bare_s:.3f} s "
        f"(medians of {RUNS}); ratio {ratio:.2f}x; budget 2x: {'met' if ratio <= 2 else 'NOT met'}"
    )


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


def bench_scenario(home: str) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "ui_scenario.py")],
        capture_output=True,
        check=False,
        text=True,
        env=dict(_env(home), RCS_DESK_REPORT_FIRST_PAINT=""),
        timeout=300,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    data = json.loads(result.stdout.strip().splitlines()[-1])
    stall = data["max_stall_ms"]
    peak = data["peak_rss_mib"]
    print(
        f"longest event-loop stall while {data['lists']:,} lists and {data['previews']} previews load and a "
        f"send waits 3 s: {stall} ms; budget 50 ms: {'met' if stall <= 50 else 'NOT met'} "
        f"(opening the 5-card file, a user action measured apart: {data['open_file_ms']} ms)"
    )
    print(
        f"peak memory of that scenario: {peak} MiB; "
        f"bare PySide6 window {bare_window_peak_mib():.1f} MiB; budget 150 MiB: {'met' if peak <= 150 else 'NOT met'}"
    )


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        bench_start(folder)
        bench_scenario(folder)
