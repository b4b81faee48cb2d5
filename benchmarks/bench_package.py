"""Budgets of the packaged program, measured against a bare PySide6 window built the same way.

    .venv/bin/python benchmarks/bench_package.py [--runs 9] [--keep DIR]

benchmarks/run_all.py measures the start of the program already built in dist/rcs-desk/
(``frozen_rows``: it builds only the bare window, once, into build/bench-hello/). This script
builds both, in one run and in a temporary folder:

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
import hashlib
import os
import shutil
import stat
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from measure import HELLO_WINDOW, ROOT, Row, alternate, median, program_env, spread, time_to_first_paint

SIZE_BUDGET = 1.0
START_BUDGET = 1.5
FROZEN_APP = ROOT / "dist" / "rcs-desk" / ("rcs-desk.exe" if sys.platform == "win32" else "rcs-desk")
HELLO_CACHE = ROOT / "build" / "bench-hello"
BUILD_COMMAND = ".venv/bin/python -m PyInstaller --noconfirm build_spec/rcs_desk.spec"


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
    shutil.copy(HELLO_WINDOW, work / "hello_window.py")
    pyinstaller(["--onedir", "--windowed", "hello_window.py"], cwd=work)
    return work / "dist" / "hello_window"


def cached_hello(build: bool) -> Path | None:
    """The bare window frozen in HELLO_CACHE, built again when its source, PyInstaller or PySide6
    changed (about 15 s); None when it would need building and ``build`` is false."""
    import PySide6

    stamp = hashlib.sha256(HELLO_WINDOW.read_bytes()).hexdigest()[:16]
    stamp += f" pyinstaller {version('pyinstaller')} pyside6 {PySide6.__version__}"
    stamp_file = HELLO_CACHE / "stamp"
    program = HELLO_CACHE / "dist" / "hello_window" / "hello_window"
    if program.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return program
    if not build:
        return None
    shutil.rmtree(HELLO_CACHE, ignore_errors=True)
    build_hello(HELLO_CACHE)
    stamp_file.write_text(stamp)
    return program


def newest_source() -> tuple[Path, float]:
    files = [path for name in ("app", "ui", "rcs_desk") for path in (ROOT / name).rglob("*.py")]
    newest = max(files, key=lambda path: path.stat().st_mtime)
    return newest, newest.stat().st_mtime


def frozen_rows(runs: int, *, build_bare: bool = True) -> list[Row]:
    """Start to first paint of dist/rcs-desk against the bare window frozen the same way."""
    what = "frozen start to first paint, `rcs-desk`"
    budget = f"≤ {START_BUDGET:.1f}x"
    if not FROZEN_APP.exists():
        return [Row(what, "not measured", "", budget, None, [f"no frozen build: build first with `{BUILD_COMMAND}`"])]
    try:
        hello = cached_hello(build_bare)
    except PackageNotFoundError:
        why = 'PyInstaller is not installed: `.venv/bin/python -m pip install -e ".[build]"`'
        return [Row(what, "not measured", "", budget, None, [why])]
    if hello is None:
        why = "the bare window is not frozen yet (a run without --quick builds it into build/bench-hello/)"
        return [Row(what, "not measured", "", budget, None, [why])]
    times = frozen_starts(FROZEN_APP, hello, runs)
    built = FROZEN_APP.stat().st_mtime
    newest, changed = newest_source()
    age = f"dist/rcs-desk built {datetime.fromtimestamp(built):%Y-%m-%d %H:%M}"  # noqa: DTZ006 - local, for a person
    if changed > built:
        age += (
            f"; the source changed since ({newest.relative_to(ROOT)} at {datetime.fromtimestamp(changed):%H:%M}): "  # noqa: DTZ006
            f"rebuild with `{BUILD_COMMAND}` to measure it"
        )
    bare = median(times["hello"])
    rows = []
    for name in ("rcs-desk", "rcs-desk --demo"):
        ratio = median(times[name]) / bare
        rows.append(
            Row(
                f"frozen start to first paint, `{name}`",
                f"**{ratio:.2f}x** ({median(times[name]):.3f} s)",
                f"bare frozen window {bare:.3f} s",
                budget,
                ratio <= START_BUDGET,
                [
                    f"median of {runs} alternating starts; {name} {spread(times[name])}, bare {spread(times['hello'])}",
                    age,
                ],
            )
        )
    return rows


def frozen_starts(app: Path, hello: Path, runs: int) -> dict[str, list[float]]:
    """Start to first paint of the frozen ``app`` (a first start: no settings, no key; and ``--demo``)
    and of the frozen bare window ``hello``, in turns."""
    home = Path(tempfile.mkdtemp(prefix="rcs-desk-bench-home-"))
    env = program_env(home, source=False)

    def start(*args: str) -> float:
        shutil.rmtree(home, ignore_errors=True)
        return time_to_first_paint([str(app), *args], env)

    try:
        return alternate(
            {
                "rcs-desk": start,
                "rcs-desk --demo": lambda: start("--demo"),
                "hello": lambda: time_to_first_paint([str(hello)], env),
            },
            runs,
        )
    finally:
        shutil.rmtree(home, ignore_errors=True)


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

        times = frozen_starts(app_dir / "rcs-desk", hello_dir / "hello_window", args.runs)
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
