"""Budgets of the packaged program, measured against a bare PySide6 window built the same way.

    .venv/bin/python benchmarks/bench_package.py [--runs 9] [--keep DIR]

Builds, in one run and in a temporary folder:

(a) rcs-desk with build_spec/rcs_desk.spec (one folder);
(b) benchmarks/hello_window.py (a QLabel in a QMainWindow) with a default
    ``pyinstaller --onedir --windowed``.

Then prints the size of each folder (and zipped, symbolic links kept as links, as the release
zips are made) and the time from starting each program to its first painted window (offscreen;
each prints ``first-paint`` then: rcs-desk with RCS_DESK_REPORT_FIRST_PAINT), median of
``--runs`` starts after one warm-up start each, alternating the two programs. Budgets: size
ratio at most 1.0, start ratio at most 1.5; exit code 1 when one is missed.

Needs the build extra (``pip install -e ".[build]"``); takes about a minute on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import shutil
import stat
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE_BUDGET = 1.0
START_BUDGET = 1.5
START_TIMEOUT_S = 60.0


@dataclass
class Measured:
    name: str
    folder: Path
    files: int
    size: int
    zipped: int
    starts: list[float]

    @property
    def start(self) -> float:
        return statistics.median(self.starts)


def pyinstaller(args: list[str], cwd: Path) -> None:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", *args]
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"build failed: {' '.join(command)}")


def build_app(work: Path) -> Path:
    pyinstaller(
        [
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(ROOT / "build_spec" / "rcs_desk.spec"),
        ],
        cwd=ROOT,
    )
    return work / "dist" / "rcs-desk"


def build_hello(work: Path) -> Path:
    work.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "benchmarks" / "hello_window.py", work / "hello_window.py")
    pyinstaller(["--onedir", "--windowed", "hello_window.py"], cwd=work)
    return work / "dist" / "hello_window"


def folder_size(folder: Path) -> tuple[int, int]:
    """(number of files, bytes): regular files' sizes; a symbolic link counts as itself, not its target."""
    count = total = 0
    for path in folder.rglob("*"):
        info = path.lstat()
        if stat.S_ISREG(info.st_mode) or stat.S_ISLNK(info.st_mode):
            count += 1
            total += info.st_size
    return count, total


def zipped_size(folder: Path, out: Path) -> int:
    """Size of ``folder`` zipped (deflate), symbolic links stored as links (like ``zip -r -y``)."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(folder.rglob("*")):
            name = str(path.relative_to(folder.parent))
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                entry = zipfile.ZipInfo(name)
                entry.create_system = 3
                entry.external_attr = (stat.S_IFLNK | 0o777) << 16
                archive.writestr(entry, os.readlink(path))
            elif stat.S_ISREG(info.st_mode):
                archive.write(path, name)
    return out.stat().st_size


def time_to_first_paint(command: list[str], env: dict[str, str]) -> float:
    """Seconds from starting ``command`` to its ``first-paint`` line on standard output."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("first-paint"):
                return time.perf_counter() - started
            if time.perf_counter() - started > START_TIMEOUT_S:
                break
        raise SystemExit(f"{command[0]} never reported its first paint")
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def measure_starts(programs: dict[str, Callable[[], float]], runs: int) -> dict[str, list[float]]:
    for start in programs.values():
        start()  # warm-up: the first start reads the files from disk
    times: dict[str, list[float]] = {name: [] for name in programs}
    for _ in range(runs):
        for name, start in programs.items():  # alternate, so drift affects both alike
            times[name].append(start())
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed starts of each program (default 9)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="rcs-desk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        app_dir = build_app(work / "app")
        t1 = time.perf_counter()
        hello_dir = build_hello(work / "hello")
        t2 = time.perf_counter()
        print(f"built rcs-desk in {t1 - t0:.0f} s, hello window in {t2 - t1:.0f} s (PyInstaller, one folder)")

        home = work / "home"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RCS_DESK_HOME=str(home), RCS_DESK_REPORT_FIRST_PAINT="1")
        env.pop("RCS_DESK_API_KEY", None)

        def start_app() -> float:
            shutil.rmtree(home, ignore_errors=True)  # a first start every time: no settings, no key
            return time_to_first_paint([str(app_dir / "rcs-desk")], env)

        def start_app_demo() -> float:
            shutil.rmtree(home, ignore_errors=True)
            return time_to_first_paint([str(app_dir / "rcs-desk"), "--demo"], env)

        def start_hello() -> float:
            return time_to_first_paint([str(hello_dir / "hello_window")], env)

        times = measure_starts(
            {"rcs-desk": start_app, "rcs-desk --demo": start_app_demo, "hello": start_hello}, args.runs
        )
        results = {}
        for name, folder in (("rcs-desk", app_dir), ("hello", hello_dir)):
            files, size = folder_size(folder)
            zipped = zipped_size(folder, work / f"{folder.name}.zip")
            results[name] = Measured(name, folder, files, size, zipped, times[name])
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)

    app, hello = results["rcs-desk"], results["hello"]
    demo_start = statistics.median(times["rcs-desk --demo"])
    mb = 1024 * 1024
    print(f"\n{'':24}{'rcs-desk':>12}{'hello window':>14}{'ratio':>8}")
    print(f"{'files':24}{app.files:>12}{hello.files:>14}")
    print(f"{'one folder (MiB)':24}{app.size / mb:>12.1f}{hello.size / mb:>14.1f}{app.size / hello.size:>8.2f}")
    print(f"{'zipped (MiB)':24}{app.zipped / mb:>12.1f}{hello.zipped / mb:>14.1f}{app.zipped / hello.zipped:>8.2f}")
    print(f"{'first paint, median (s)':24}{app.start:>12.3f}{hello.start:>14.3f}{app.start / hello.start:>8.2f}")
    print(f"{'  --demo, median (s)':24}{demo_start:>12.3f}{'':>14}{demo_start / hello.start:>8.2f}")
    print(
        f"({args.runs} starts each, offscreen; all: rcs-desk "
        + " ".join(f"{t:.3f}" for t in app.starts)
        + "; hello "
        + " ".join(f"{t:.3f}" for t in hello.starts)
        + ")"
    )

    size_ok = app.size / hello.size <= SIZE_BUDGET
    start_ok = app.start / hello.start <= START_BUDGET
    print(f"\nsize budget (<= {SIZE_BUDGET:.1f}x the hello window): {'met' if size_ok else 'MISSED'}")
    print(f"start budget (<= {START_BUDGET:.1f}x the hello window): {'met' if start_ok else 'MISSED'}")
    return 0 if size_ok and start_ok else 1


if __name__ == "__main__":
    sys.exit(main())
