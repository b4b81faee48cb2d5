"""The benchmarks work: ``benchmarks/run_all.py --quick`` runs every script at a tiny size and prints
every row of the table. Nothing here is timed: the figures of a quick run mean nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROWS = (
    "longest event-loop stall",
    "stall when a send's answer arrives",
    "start to first paint from source, `rcs-desk`",
    "start to first paint from source, `rcs-desk --demo`",
    "start to first paint from source, `rcs-desk --demo spring-sale.rcs.json`",
    "frozen start to first paint",  # measured with a build in dist/, else "not measured" and why
    "`rcs-desk validate` of a 5-card file",
    "peak memory of that scenario",
    "read 200 lists over loopback",
)


@pytest.fixture
def stall_watch(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    import stall_watch

    return stall_watch


@pytest.mark.slow
def test_every_benchmark_runs_and_prints_its_row(tmp_path):
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring", RCS_DESK_HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run_all.py"), "--quick"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    table = [line for line in result.stdout.splitlines() if line.startswith("| ") and not line.startswith("| what")]
    for row in ROWS:
        found = [line for line in table if line.startswith(f"| {row}")]
        assert len(found) in ((1, 2) if row.startswith("frozen") else (1,)), (row, table)
    for line in table:
        assert line.endswith(("| met |", "| NOT met |", "| — |")), line
    # The scenario went all the way: lists and pictures in, the campaign sent, the result dialog shown.
    assert "loaded: 200 lists, 5 pictures; sent: campaign" in result.stdout
    assert "(the answer arrived: result dialog)" in result.stdout


def test_stack_samples_are_told_by_our_functions_above_the_event_loop(stall_watch):
    loop = ("ui/shell/application.py:run_window", "rcs_desk/__init__.py:main")
    stacks = [
        ("ssl.py:create_default_context", "ui/compose/media_preview.py:recheck", *loop),
        ("ssl.py:create_default_context", "ui/compose/media_preview.py:recheck", *loop),
        ("ui/compose/group_model.py:set_rows", "ui/compose/group_picker.py:on_lists_loaded", *loop),
        loop,  # the event loop itself: Qt's own work, no Python above it
    ]
    base = stall_watch.common_base(stacks)
    assert base == len(loop)
    summary = stall_watch.top(stacks, base)
    assert summary["leaf"] == [
        ("ssl.py:create_default_context", 2),
        ("ui/compose/group_model.py:set_rows", 1),
        (stall_watch.QT_OWN_WORK, 1),
    ]
    assert summary["ours"][0] == ("ui/compose/media_preview.py:recheck", 2)
    assert ("ui/shell/application.py:run_window", 1) not in summary["ours"]
