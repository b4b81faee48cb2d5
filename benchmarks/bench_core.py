"""The commands' budgets: `rcs-desk validate` against bare Python starts, and reading 10,000 lists.

``validate`` of a 5-card file, start to exit, against ``python -c "import httpx"`` and
``python -c "pass"``, in turns, median of several runs, bytecode written beforehand. Budget: below
the httpx import (a command that checks a file needs no network code). The modules it imported
(httpx, ssl, keyring) are listed beside it.

Run: ``.venv/bin/python benchmarks/bench_core.py`` (or everything: benchmarks/run_all.py).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from measure import ROOT, Row, alternate, median, precompile, print_table, program_env, spread, wall

sys.path.insert(0, str(ROOT))

VALIDATE_BUDGET = 1.0  # x the time of `python -c "import httpx"`
LISTS_BUDGET_S = 1.0
NETWORK_MODULES = ("httpx", "ssl", "keyring")
# Runs ``code``, then says how many modules were loaded and which of ``names``.
PROBE = (
    "import atexit, sys\n"
    "atexit.register(lambda: print('modules', len(sys.modules), *(m for m in {names!r} if m in sys.modules),"
    " file=sys.stderr))\n"
    "{code}\n"
)
RUN_VALIDATE = (
    "import runpy; sys.argv = ['rcs-desk', 'validate', {path!r}]; runpy.run_module('rcs_desk', run_name='__main__')"
)


def five_card_file(folder: Path) -> Path:
    card = {
        "title": "Spring sale",
        "text": "Every pair of running shoes 30% off this week. " * 5,
        "media": {"url": "https://images.example.com/spring/sneakers.jpg"},
        "suggestions": [
            {"text": "Shop now", "url": "https://shop.example.com/spring"},
            {"text": "Call us", "phone": "380441234567"},
        ],
    }
    request = {
        "groups": [1864603, 1864604],
        "sender": "WWT Shop",
        "options": {"cards": [card] * 5},
        "alternative_channel": {"sms": {"text": "Spring sale: shop.example.com", "sender": "WWTshop"}},
    }
    path = folder / "five-cards.rcs.json"
    path.write_text(json.dumps({"format": "rcs-desk.campaign", "version": 1, "time_zone": "UTC", "request": request}))
    return path


def imported(code: str, env: dict[str, str]) -> tuple[int, list[str]]:
    """How many modules ``code`` loads, and which of NETWORK_MODULES are among them."""
    probe = PROBE.format(names=NETWORK_MODULES, code=code)
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False, env=env)
    line = next(line for line in result.stderr.splitlines() if line.startswith("modules "))
    _, count, *names = line.split()
    return int(count), names


def validate_row(runs: int) -> Row:
    with tempfile.TemporaryDirectory() as folder:
        path = five_card_file(Path(folder))
        env = program_env(Path(folder) / "home")
        commands = {
            "validate": [sys.executable, "-m", "rcs_desk", "validate", str(path)],
            "import httpx": [sys.executable, "-c", "import httpx"],
            "pass": [sys.executable, "-c", "pass"],
        }
        times = alternate({name: (lambda c=command: wall(c, env)) for name, command in commands.items()}, runs)
        count, network = imported(RUN_VALIDATE.format(path=str(path)), env)
        bare_count, _ = imported("pass", env)
    validate, httpx, bare = (median(times[name]) for name in commands)
    ratio = validate / httpx
    return Row(
        "`rcs-desk validate` of a 5-card file",
        f"**{ratio:.2f}x** `import httpx`, {validate / bare:.1f}x `pass` ({validate:.3f} s)",
        f'`python -c "import httpx"` {httpx:.3f} s, `python -c pass` {bare:.3f} s',
        f"< {VALIDATE_BUDGET:.1f}x `import httpx`",
        ratio < VALIDATE_BUDGET,
        [
            (
                f"median of {runs} alternating runs; validate {spread(times['validate'])}, "
                f"import httpx {spread(times['import httpx'])}, pass {spread(times['pass'])}"
            ),
            f"modules loaded: {count} (`python -c pass`: {bare_count}); of httpx, ssl, keyring it imports: "
            + (", ".join(network) or "none"),
        ],
    )


def lists_row(runs: int, count: int = 10_000) -> Row:
    from app.api import WwtClient
    from app.sandbox import DEMO_API_KEY, LoopbackServer, SandboxServer

    times = []
    with LoopbackServer(SandboxServer(list_count=count)) as loopback:
        for _ in range(runs):
            with WwtClient(loopback.base_url, DEMO_API_KEY) as client:
                client.login()
                start = time.perf_counter()
                lists = client.list_groups()
                times.append(time.perf_counter() - start)
            assert len(lists) == count, len(lists)
    result = median(times)
    return Row(
        f"read {count:,} lists over loopback (`WwtClient.list_groups`)",
        f"{result:.3f} s",
        "",
        f"< {LISTS_BUDGET_S:.0f} s",
        result < LISTS_BUDGET_S,
        [f"median of {runs}: {spread(times)}"],
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed runs of each command (default 9)")
    args = parser.parse_args()
    precompile()
    print_table([validate_row(args.runs), lists_row(args.runs)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
