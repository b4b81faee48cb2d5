"""What the window's start imports (issue 11): a structure test, not a timing test.

``rcs-desk --demo examples/spring-sale.rcs.json`` runs in a program of its own with an import hook
(tests/helpers/startup_probe.py) until the window has painted and then settled (connected, lists and
pictures loaded). It holds two rules:

1. The modules the GUI thread imports before the first paint are the listed ones: the project's own
   (tests/first_paint_modules.txt), the standard library but for its network and database modules
   (``NEVER_BEFORE_PAINT``), and the packages in ``FIRST_PAINT_PACKAGES``. Everything else waits
   for the first paint (imported where it is used, or by ``ui.shell.warm_up``).
2. httpx and ssl are never imported on the GUI thread: making an HTTP client or an SSL context there
   stalls the window (the connection, the list loads and the picture checks run on workers).

A module that is new before the first paint fails rule 1 with the line that imported it. When the
first paint does need it, add it to tests/first_paint_modules.txt; otherwise import it where it is used.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PROBE = ROOT / "tests" / "helpers" / "startup_probe.py"
SPRING = ROOT / "examples" / "spring-sale.rcs.json"

# The project's modules the first paint needs, one a line (# starts a comment).
FIRST_PAINT_LIST = ROOT / "tests" / "first_paint_modules.txt"
OWN_PACKAGES = ("app", "rcs_desk", "ui")
# Packages that are not the project's or the standard library's (by their top-level name).
FIRST_PAINT_PACKAGES = frozenset({"PySide6", "shiboken6", "platformdirs", "tzlocal", "tzdata"})
# The standard library's network, mail and database modules: the connection's, never the first paint's.
NEVER_BEFORE_PAINT = frozenset({"ssl", "_ssl", "socket", "_socket", "http", "email", "urllib.request", "sqlite3"})


@cache
def probe() -> dict[str, Any]:
    """What one start of the window imported, and where (see tests/helpers/startup_probe.py). Both tests
    read the same start; its data folder is the first test's (RCS_DESK_HOME, set by tests/conftest.py)."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",  # never the developer's keyring
        RCS_DESK_REPORT_FIRST_PAINT="1",
    )
    env.pop("QT_SCALE_FACTOR", None)
    result = subprocess.run(
        [sys.executable, str(PROBE), "--demo", str(SPRING)],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["settled"], "the window did not settle (connect, load the lists and pictures) in time"
    return report


def first_paint_modules() -> set[str]:
    lines = FIRST_PAINT_LIST.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")}


def is_allowed(module: str, listed: set[str]) -> bool:
    top = module.split(".", maxsplit=1)[0]
    if top in OWN_PACKAGES:
        return module in listed
    if module in NEVER_BEFORE_PAINT or top in NEVER_BEFORE_PAINT:
        return False
    # _sysconfigdata_*, signature_bootstrap, __feature__: Python's and PySide's own start-up
    return (
        top in sys.stdlib_module_names
        or top in FIRST_PAINT_PACKAGES
        or top.startswith("_")
        or top
        in {
            "shibokensupport",
            "signature_bootstrap",
            "org",  # copy.py looks for org.python.core (Jython) and does not find it
        }
    )


def test_the_gui_thread_imports_only_the_listed_modules_before_the_first_paint():
    imported = {name: where for name, where in probe()["before_paint"].items() if where["gui"]}
    listed = first_paint_modules()
    unexpected = [name for name in imported if not is_allowed(name, listed)]
    # One line a module of ours, one a package of others (httpx brings 60 modules: its first is enough).
    shown: dict[str, list[str]] = {}
    for name in unexpected:
        top = name.split(".", maxsplit=1)[0]
        shown.setdefault(name if top in OWN_PACKAGES else top, []).append(name)
    lines = [
        f"  {key}{f' ({len(names)} modules)' if len(names) > 1 else ''}: imported by {imported[names[0]]['by'] or '?'}"
        for key, names in sorted(shown.items())
    ]
    assert not lines, (
        "imported before the first paint, and not listed (tests/test_startup_structure.py):\n"
        + "\n".join(lines)
        + "\nImport it where it is used (after the first paint), or list it if the first paint needs it."
    )


def test_httpx_and_ssl_are_never_imported_on_the_gui_thread():
    watched = probe()["watched"]
    assert {"httpx", "ssl"} <= watched.keys(), "the start did not connect (nothing to check)"
    on_gui = sorted(name for name in ("httpx", "ssl") if watched[name]["gui"])
    assert not on_gui, f"{on_gui} imported on the GUI thread: make the client or SSL context on a worker"
