"""Core benchmarks: `rcs-desk validate` start-to-exit, and reading 10,000 lists over loopback.

Run: ``.venv/bin/python benchmarks/bench_core.py``. Each figure is the median of several runs,
printed next to a reference measured in the same run (a bare ``python -c pass``), because
the machines are shared and noisy: compare the ratio, do not quote one absolute time.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.api import WwtClient  # noqa: E402
from app.sandbox import DEMO_API_KEY, LoopbackServer, SandboxServer  # noqa: E402

RUNS = 7


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


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=False, capture_output=True)
    return time.perf_counter() - start


def median_wall(command: list[str]) -> float:
    wall(command)  # warm the file cache
    return statistics.median(wall(command) for _ in range(RUNS))


def bench_validate() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = five_card_file(Path(folder))
        bare = median_wall([sys.executable, "-c", "pass"])
        validate = median_wall([sys.executable, "-m", "rcs_desk", "validate", str(path)])
    print(
        f"validate 5-card file: {validate:.3f} s wall (median of {RUNS}); bare python start {bare:.3f} s; "
        f"ratio {validate / bare:.1f}x; budget 0.3 s: {'met' if validate < 0.3 else 'NOT met'}"
    )


def bench_lists() -> None:
    server = SandboxServer(list_count=10_000)
    times = []
    with LoopbackServer(server) as loopback:
        for _ in range(RUNS):
            with WwtClient(loopback.base_url, DEMO_API_KEY) as client:
                client.login()
                start = time.perf_counter()
                lists = client.list_groups()
                times.append(time.perf_counter() - start)
            assert len(lists) == 10_000, len(lists)
    result = statistics.median(times)
    pages = -(-10_000 // 500)
    print(
        f"read 10,000 lists ({pages} pages) over loopback: {result:.3f} s (median of {RUNS}); "
        f"budget 1 s: {'met' if result < 1 else 'NOT met'}"
    )


if __name__ == "__main__":
    bench_validate()
    bench_lists()
