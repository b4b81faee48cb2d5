"""A command imports what it uses and no more (issue 11): each runs in a fresh interpreter here.

``validate`` reads a file: no keyring (it brings ``urllib.request``, ``http.client`` and ``ssl``),
no HTTP client, no TLS, no history, not even the API's errors and models. ``lists`` talks to the
server (here the loopback sandbox) but neither sends nor reads the history; ``campaigns --offline``
reads only the history.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SPRING = ROOT / "examples" / "spring-sale.rcs.json"

NETWORK = ("keyring", "httpx", "ssl", "http.client", "urllib.request")
SENDING = ("app.sending.pipeline", "app.tasks.pictures")
HISTORY = ("app.history", "sqlite3")

PROBE = """
import contextlib, io, json, sys
from app.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def imported_by(argv: list[str], home: Path) -> tuple[int, set[str]]:
    """The exit code of ``rcs-desk ARGV`` run in a new interpreter, and every module it imported."""
    env = dict(
        os.environ,  # with the sandbox's address and key when a test uses it
        RCS_DESK_HOME=str(home),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",  # never the developer's keyring
        PYTHONPATH=str(ROOT),
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, timeout=120, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout.splitlines()[-1])
    return answer["code"], set(answer["modules"])


@pytest.mark.parametrize(
    ("argv", "forbidden"),
    [
        (["validate", str(SPRING)], (*NETWORK, *SENDING, *HISTORY, "app.api")),
        (["lists", "--json"], SENDING + HISTORY),
        (["campaigns", "--offline"], NETWORK + SENDING),
        (["report", "53708802", "--json"], SENDING + HISTORY),
    ],
    ids=["validate", "lists", "campaigns-offline", "report"],
)
def test_a_command_imports_only_what_it_uses(argv, forbidden, tmp_path, request):
    if argv[0] in ("lists", "report"):
        request.getfixturevalue("sandbox")  # a server to list from, on 127.0.0.1
    code, modules = imported_by(argv, tmp_path)
    assert code == 0
    unexpected = sorted(name for name in forbidden if name in modules)
    assert not unexpected, f"rcs-desk {' '.join(argv[:2])} imported {unexpected}: import them where they are used"
