"""The heavy scenario of the window's budgets, run in a process of its own by bench_ui.py.

The window loads 10,000 contact lists, 5 cards with picture previews (from a loopback server that
answers each picture after a short delay), and sends a campaign to a server that takes 3 s to
answer. A 5 ms heartbeat timer records the longest gap of the event loop. Prints one JSON line:
{"max_stall_ms": ..., "peak_rss_mib": ..., "lists": ..., "previews": ...}.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from PySide6.QtCore import QElapsedTimer, QTimer  # noqa: E402

from app.campaign import Campaign, Card, Media, Options, Suggestion  # noqa: E402
from app.campaign_file import CampaignDocument  # noqa: E402
from app.config import Settings, app_paths  # noqa: E402
from app.sandbox import SandboxServer  # noqa: E402
from media_server import MediaServer, Route  # noqa: E402
from ui.application import create_application  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.qt_messages import route_qt_messages  # noqa: E402
from ui.settle import wait_until  # noqa: E402
from ui_window_helpers import sandbox_connection  # noqa: E402

PICTURE = (ROOT / "app" / "sandbox" / "media" / "spring-sale.jpg").read_bytes()


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
    app = create_application()
    media = MediaServer().start()
    release = threading.Event()
    for index in range(5):
        media.routes[f"/p{index}.jpg"] = Route(body=PICTURE, headers={"Content-Type": "image/jpeg"}, wait=release)
    server = SandboxServer(list_count=10_000)
    server.faults.delay_s = 3
    server.faults.only_path = "/api/campaigns/rcs/send-groups"
    window = MainWindow(Settings(), sandbox_connection(server, send_timeout=30), app_paths(), load_lists=False)
    window.persist_state = False
    window.resize(1280, 820)
    window.show()
    cards = [
        Card(title=f"Card {i}", text="Picture card", media=Media(url=media.url(f"/p{i}.jpg")),
             suggestions=[Suggestion(text="Open", url="https://example.com")])
        for i in range(5)
    ]
    document = CampaignDocument(
        campaign=Campaign(groups=[2000001], sender="Bench", options=Options(cards=cards)), time_zone="UTC"
    )
    # Opening the file builds the five card editors (a user action, measured apart); the
    # pictures are requested now, and their server holds them back until the loads overlap.
    opened = time.perf_counter()
    window.editor.replace(document)
    app.processEvents()
    open_ms = (time.perf_counter() - opened) * 1000
    heartbeat = Heartbeat()
    heartbeat.start()
    started = time.perf_counter()
    window.group_picker.reload()
    QTimer.singleShot(200, release.set)  # the pictures arrive while the lists are loading
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
    media.stop()
    print(json.dumps({
        "max_stall_ms": heartbeat.longest, "open_file_ms": round(open_ms), "peak_rss_mib": round(peak_kib / 1024, 1), "lists": lists_loaded,
        "previews": previews, "sent": type(outcome[0]).__name__ if outcome else None, "seconds": round(elapsed, 2),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
