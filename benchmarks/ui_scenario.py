"""The heavy scenario of the window's budgets, run in a process of its own by bench_ui.py.

The window loads 10,000 contact lists, 5 cards with picture previews (from a loopback server that
answers each picture 0.4 s late), and sends a campaign to a server that takes 3 s to answer. The
demo server and the picture host run in processes of their own, as real servers are elsewhere
(in this process they would compete with the window for Python's GIL). A 5 ms heartbeat timer
records the longest gap of the event loop. Prints one JSON line:
{"max_stall_ms": ..., "peak_rss_mib": ..., "lists": ..., "previews": ...}.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from media_server import MediaServer, Route  # noqa: E402
from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402

from app.api import WwtClient  # noqa: E402
from app.campaign.file import CampaignDocument  # noqa: E402
from app.campaign.model import Campaign, Card, Media, Options, Suggestion  # noqa: E402
from app.platform.config import Settings, app_paths  # noqa: E402
from app.sandbox import DEMO_API_KEY, SandboxServer  # noqa: E402
from app.tasks.connection import Connection  # noqa: E402
from ui.shell.application import create_application  # noqa: E402
from ui.shell.main_window import MainWindow  # noqa: E402
from ui.shell.qt_messages import route_qt_messages  # noqa: E402
from ui.shell.settle import wait_until  # noqa: E402

PICTURE = (ROOT / "app" / "sandbox" / "media" / "spring-sale.jpg").read_bytes()


def serve_sandbox(port_queue) -> None:
    """In a process of its own, as the real server is: 10,000 lists and a send that takes 3 s."""
    from app.sandbox import LoopbackServer

    server = SandboxServer(list_count=10_000)
    server.faults.delay_s = 3
    server.faults.only_path = "/api/campaigns/rcs/send-groups"
    port_queue.put(LoopbackServer(server).start())
    threading.Event().wait()


def serve_media(port_queue) -> None:
    """The five pictures, from a process of their own (a picture host is another machine)."""
    media = MediaServer().start()
    for index in range(5):
        media.routes[f"/p{index}.jpg"] = Route(body=PICTURE, headers={"Content-Type": "image/jpeg"}, delay_s=0.4)
    port_queue.put(media.url(""))
    threading.Event().wait()


class Heartbeat:
    def __init__(self, interval_ms: int = 5) -> None:
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.clock = QElapsedTimer()
        self.longest = 0
        self.timer.timeout.connect(self.beat)

    def start(self) -> None:
        self.clock.start()
        self.timer.start()

    def beat(self) -> None:
        self.longest = max(self.longest, self.clock.restart())


def main() -> int:
    route_qt_messages()
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    servers = [
        context.Process(target=serve_sandbox, args=(queue,), daemon=True),
        context.Process(target=serve_media, args=(queue,), daemon=True),
    ]
    for process in servers:
        process.start()
    addresses = sorted(queue.get(timeout=60) for _ in servers)  # "http://127.0.0.1:<port>" for both
    app = create_application()
    sandbox_url, media_url = _which(addresses)
    client = WwtClient(sandbox_url, DEMO_API_KEY, send_timeout=30)
    connection = Connection(client=client, demo=True, base_url=sandbox_url, account_time_zone="UTC")
    window = MainWindow(Settings(), connection, app_paths(), load_lists=False, recover=False)
    window.persist_state = False
    window.resize(1280, 820)
    window.show()
    cards = [
        Card(
            title=f"Card {i}",
            text="Picture card",
            media=Media(url=f"{media_url}/p{i}.jpg"),
            suggestions=[Suggestion(text="Open", url="https://example.com")],
        )
        for i in range(5)
    ]
    document = CampaignDocument(
        campaign=Campaign(groups=[2000001], sender="Bench", options=Options(cards=cards)), time_zone="UTC"
    )
    # Opening the file builds the five card editors and paints them (a user action, measured apart);
    # their pictures are asked for now and arrive 0.4 s later, while the lists load.
    opened = time.perf_counter()
    window.editor.replace(document)
    app.processEvents()
    window.repaint()
    app.processEvents()
    open_ms = (time.perf_counter() - opened) * 1000
    heartbeat = Heartbeat()
    heartbeat.start()
    started = time.perf_counter()
    window.group_picker.reload()
    controller = window.send_controller
    outcome: list = []
    controller.present_confirmation = lambda dialog: dialog.accept()
    controller.present_result = outcome.append
    controller.present_failure = outcome.append
    wait_until(lambda: not window.group_picker.loading, timeout_s=60)
    lists_loaded = window.group_picker.model.rowCount()
    controller.request_send()
    wait_until(lambda: bool(outcome) and window.is_settled() and not controller.busy, timeout_s=60)
    previews = sum(1 for card in window.message_editor.card_editors if card.preview.state == "image")
    elapsed = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    window.editor.modified = False
    window.close()
    for process in servers:
        process.terminate()
    print(
        json.dumps(
            {
                "max_stall_ms": heartbeat.longest,
                "open_file_ms": round(open_ms),
                "peak_rss_mib": round(peak_kib / 1024, 1),
                "lists": lists_loaded,
                "previews": previews,
                "sent": type(outcome[0]).__name__ if outcome else None,
                "seconds": round(elapsed, 2),
            }
        )
    )
    return 0


def _which(addresses: list[str]) -> tuple[str, str]:
    """The sandbox answers /api/...; the picture host does not (404 from both, but different bodies)."""
    import httpx

    for address in addresses:
        if httpx.get(f"{address}/api/groups").status_code == 401:
            return address, next(a for a in addresses if a != address)
    raise RuntimeError("the sandbox did not start")


if __name__ == "__main__":
    sys.exit(main())
