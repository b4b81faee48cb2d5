"""The window's heavy scenario, in a process of its own (run by bench_ui.py): every stall after the first paint.

The program is started as a user starts it (``rcs_desk.main`` with a campaign file and ``--api-url``,
the API key in RCS_DESK_API_KEY): the file's 5 cards ask for their pictures (a picture host that
answers each 0.4 s late), the window paints, connects, loads 10,000 contact lists; the user looks
at the Recipients tab, sends, the server takes 3 s to answer and the result dialog is shown. The
servers run in processes of their own, as real servers are elsewhere (in this process they would
compete with the window for Python's lock).

From the first paint on, a 5 ms heartbeat records every gap of the event loop and a sampler records
the GUI thread's Python stack during gaps over 20 ms (benchmarks/stall_watch.py). Prints one JSON
line: the longest gap and its CPU time, the gap when the send's answer arrives, the worst gaps with
their most sampled functions, the peak memory, and what was loaded (lists, pictures, the outcome).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests")]

from stall_watch import Gap, Heartbeat, StackSampler, after_first_paint, common_base, top  # noqa: E402

PICTURE = ROOT / "app" / "sandbox" / "media" / "spring-sale.jpg"
WORST = 5  # the stalls reported with their stack samples
SAMPLED_OVER_MS = 20


def serve_sandbox(port_queue: Any, lists: int, send_delay_s: float) -> None:
    """In a process of its own, as the real server is: ``lists`` contact lists and a slow send."""
    from app.sandbox import LoopbackServer, SandboxServer

    server = SandboxServer(list_count=lists)
    server.faults.delay_s = send_delay_s
    server.faults.only_path = "/api/campaigns/rcs/send-groups"
    port_queue.put(("sandbox", LoopbackServer(server).start()))
    threading.Event().wait()


def serve_pictures(port_queue: Any, count: int, delay_s: float) -> None:
    """The pictures, from a process of their own (a picture host is another machine)."""
    from helpers.media_server import MediaServer, Route

    media = MediaServer().start()
    for index in range(count):
        media.routes[f"/p{index}.jpg"] = Route(
            body=PICTURE.read_bytes(), headers={"Content-Type": "image/jpeg"}, delay_s=delay_s
        )
    port_queue.put(("pictures", media.url("")))
    threading.Event().wait()


def campaign_file(folder: Path, picture_urls: list[str], group: int) -> Path:
    """A campaign file of one card per picture, to the contact list ``group``."""
    cards = [
        {
            "title": f"Card {index + 1}",
            "text": "Every pair of running shoes 30% off this week.",
            "media": {"url": url},
            "suggestions": [{"text": "Shop now", "url": "https://shop.example.com/spring"}],
        }
        for index, url in enumerate(picture_urls)
    ]
    request = {"groups": [group], "sender": "Bench", "options": {"cards": cards}}
    path = folder / "bench.rcs.json"
    path.write_text(json.dumps({"format": "rcs-desk.campaign", "version": 1, "time_zone": "UTC", "request": request}))
    return path


class Scenario:
    """Drives the window, once it has painted, with a polling timer (no nested event loops)."""

    def __init__(self, lists: int, pictures: int, timeout_s: float, *, sample: bool = True) -> None:
        self.lists = lists
        self.sample = sample
        self.pictures = pictures
        self.timeout_s = timeout_s
        self.window: Any = None
        self.heartbeat: Heartbeat | None = None
        self.sampler: StackSampler | None = None
        # (moment, name, seen as it began): a phase the polling timer notices is seen after the stall
        # that began it; one begun by a hook inside the program is seen as it begins.
        self.phases: list[tuple[float, str, bool]] = []
        self.moments: dict[str, float] = {}
        self.outcome: str | None = None
        self.error: str | None = None
        self._deadline = 0.0
        self._steps: list[tuple[str, Callable[[], bool]]] = []
        self._base = 0  # the outermost frames every stack sample shares (up to the event loop)

    # --- hooks into the program's own start --------------------------------------------------

    def install(self) -> None:
        """Catch the window as ``run_window`` shows it: it reports the first paint through
        ``report_first_paint(window)`` just before ``show()``."""
        import ui.shell.application as application

        if not hasattr(application, "report_first_paint"):
            raise RuntimeError("ui.shell.application has no report_first_paint: update benchmarks/ui_scenario.py")
        original = application.report_first_paint

        def hooked(window: Any) -> Any:
            self._watch(window)
            return original(window)

        application.report_first_paint = hooked

    def _watch(self, window: Any) -> None:
        self.window = window
        self.heartbeat = Heartbeat()
        self.sampler = StackSampler(self.heartbeat, threading.get_ident())
        after_first_paint(window, self._painted)

    # --- the steps ------------------------------------------------------------------------------

    def _painted(self) -> None:
        from PySide6.QtCore import QTimer

        assert self.heartbeat is not None and self.sampler is not None
        self._phase("after the first paint: side panels, connecting", polled=False)
        self.heartbeat.start()
        if self.sample:
            self.sampler.start()
        self._steps = [
            ("connected", self._connected),
            ("pictures in", self._pictures_in),
            ("lists in", self._lists_in),
            ("answer shown", self._answer_shown),
            ("quiet", self._quiet),
        ]
        self._deadline = time.perf_counter() + self.timeout_s
        self._poll = QTimer()
        self._poll.setInterval(20)
        self._poll.timeout.connect(self._tick)
        self._poll.start()

    def _tick(self) -> None:
        try:
            name, step = self._steps[0]
            if step():
                self.moments[name] = time.perf_counter()
                self._steps.pop(0)
                if not self._steps:
                    self._finish()
            elif time.perf_counter() > self._deadline:
                self.error = f"gave up after {self.timeout_s:.0f} s waiting for: {name}"
                self._finish()
        except Exception as exc:  # noqa: BLE001 - said in the JSON; the window must still close
            import traceback

            self.error = f"{type(exc).__name__}: {exc}\n{traceback.format_exc()}"
            self._finish()

    def _phase(self, name: str, *, polled: bool = True) -> None:
        self.phases.append((time.perf_counter(), name, not polled))

    def _connected(self) -> bool:
        if self.window.connection is None:
            return False
        self._phase("connected: lists and pictures loading")
        return True

    def _pictures_in(self) -> bool:
        if self._pictures_shown() < self.pictures and not self.window.preview_service.is_idle:
            return False
        # The user looks at the lists (they may still be coming in).
        from ui.compose.compose_page import RECIPIENTS_TAB

        self._phase("pictures in; Recipients tab shown")
        self.window.tabs.setCurrentIndex(RECIPIENTS_TAB)
        return True

    def _lists_in(self) -> bool:
        picker = self.window.group_picker
        if picker is None or picker.loading or picker.model.rowCount() < self.lists:
            return False
        if not self.window.is_settled():
            return False
        self._send()
        return True

    def _send(self) -> None:
        controller = self.window.send_controller
        controller.present_confirmation = lambda dialog: dialog.accept()  # the user says yes
        show_result = controller.present_result

        def present_result(info: Any) -> None:
            self._phase("the answer arrived: result dialog", polled=False)
            self.moments["answer"] = time.perf_counter()
            show_result(info)
            self.moments["result built"] = time.perf_counter()
            self._watch_result_dialog()

        controller.present_result = present_result
        controller.send_failed.connect(lambda error: setattr(self, "outcome", f"failed: {error!r}"))
        controller.sent.connect(lambda info: setattr(self, "outcome", f"sent: campaign {info.id}"))
        self._phase("sending: checks, confirmation, waiting for the server")
        self.moments["send"] = time.perf_counter()
        controller.request_send()
        if not controller.busy:
            raise RuntimeError(f"the send did not start; problems: {self.window.editor.errors!r}")

    def _watch_result_dialog(self) -> None:
        from PySide6.QtWidgets import QApplication

        dialog = QApplication.activeModalWidget()  # open() has just shown it (window-modal)
        if dialog is not None:
            after_first_paint(dialog, lambda: self.moments.setdefault("result painted", time.perf_counter()))
        else:
            self.moments["result painted"] = self.moments["result built"]

    def _answer_shown(self) -> bool:
        if self.outcome is None:
            return False
        if self.outcome.startswith("failed"):
            raise RuntimeError(f"the send {self.outcome}")
        if "result painted" not in self.moments or self.window.send_controller.busy:
            return False
        if not self.window.is_settled():
            return False
        self._phase("after the result: history, balance, campaigns")
        return True

    def _quiet(self) -> bool:
        """Half a second more: what the window does after a send (the balance, the campaigns view)."""
        return time.perf_counter() - self.moments["answer shown"] > 0.5

    def _finish(self) -> None:
        from PySide6.QtWidgets import QApplication, QDialog

        self._poll.stop()
        assert self.heartbeat is not None and self.sampler is not None
        self.heartbeat.stop()
        self.sampler.stop()
        for dialog in self.window.findChildren(QDialog):
            if dialog.isVisible():
                dialog.done(0)
        self.window.editor.modified = False  # no "save the changes?" question
        self.window.close()
        QApplication.quit()

    # --- the figures ----------------------------------------------------------------------------

    def _pictures_shown(self) -> int:
        return sum(1 for card in self.window.message_editor.card_editors if card.preview.state == "image")

    def phase_of(self, gap: Gap) -> str:
        names = [name for moment, name, exact in self.phases if moment <= (gap.end if exact else gap.start)]
        return names[-1] if names else "before the first paint"

    def describe(self, gap: Gap) -> dict[str, Any]:
        assert self.sampler is not None
        stacks = self.sampler.within(gap)
        return {
            "ms": round(gap.ms),
            "cpu_gui_ms": round(gap.cpu_gui * 1000),
            "cpu_process_ms": round(gap.cpu_process * 1000),
            "at_s": round(gap.start - self.phases[0][0], 2),
            "phase": self.phase_of(gap),
            "samples": len(stacks),
            **top(stacks, self._base),
        }

    def report(self, peak_mib: float, seconds: float) -> dict[str, Any]:
        assert self.heartbeat is not None and self.sampler is not None
        self._base = common_base([stack for _moment, stack in self.sampler.samples])
        gaps = self.heartbeat.gaps
        longest = self.heartbeat.longest()
        worst = sorted(gaps, key=lambda gap: gap.ms, reverse=True)[:WORST]
        answer: dict[str, Any] | None = None
        if "answer" in self.moments:
            end = self.moments.get("result painted", self.moments.get("result built", self.moments["answer"]))
            around = self.heartbeat.overlapping(self.moments["answer"], end)
            if around:
                answer = self.describe(max(around, key=lambda gap: gap.ms))
                answer["gaps"] = len(around)
                answer["total_ms"] = round(sum(gap.ms for gap in around))
        stalled = [gap for gap in gaps if gap.ms > SAMPLED_OVER_MS]
        all_stacks = [stack for gap in stalled for stack in self.sampler.within(gap)]
        return {
            "max_stall_ms": round(longest.ms) if longest else 0,
            "max_stall": self.describe(longest) if longest else None,
            "answer_stall": answer,
            "worst": [self.describe(gap) for gap in worst],
            "stalls_over_20_ms": len(stalled),
            "stalls_over_50_ms": sum(1 for gap in gaps if gap.ms > 50),
            "all_stalls_top": top(all_stacks, self._base, 8),
            "samples": len(self.sampler.samples),
            "peak_rss_mib": round(peak_mib, 1),
            "lists": self.window.group_picker.model.rowCount() if self.window.group_picker else 0,
            "pictures": self._pictures_shown(),
            "sent": self.outcome,
            "seconds": round(seconds, 2),
            "error": self.error,
        }


def bare_window(seconds: float) -> dict[str, Any]:
    """The reference: the same heartbeat on a bare window (benchmarks/hello_window.py) for ``seconds``
    after its first paint. Its longest gap is what the machine and Qt cost without the program."""
    import hello_window
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    window = hello_window.make_window()
    heartbeat = Heartbeat()

    def painted() -> None:
        heartbeat.start()
        QTimer.singleShot(round(seconds * 1000), app.quit)

    after_first_paint(window, painted)
    window.show()
    app.exec()
    heartbeat.stop()
    longest = heartbeat.longest()
    return {
        "max_stall_ms": round(longest.ms) if longest else 0,
        "cpu_gui_ms": round(longest.cpu_gui * 1000) if longest else 0,
        "seconds": seconds,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", type=int, default=10_000)
    parser.add_argument("--pictures", type=int, default=5)
    parser.add_argument("--picture-delay", type=float, default=0.4, help="seconds each picture comes late")
    parser.add_argument("--send-delay", type=float, default=3.0, help="seconds the server takes to answer a send")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--no-samples", action="store_true", help="no stack sampler (it adds to the stalls)")
    parser.add_argument("--bare", type=float, metavar="SECONDS", help="watch a bare window instead, this long")
    args = parser.parse_args()
    if args.bare is not None:
        print(json.dumps(bare_window(args.bare)))
        return 0

    from app.sandbox import DEMO_API_KEY
    from app.sandbox.demo_data import FIRST_GENERATED_LIST_ID

    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    servers = [
        context.Process(target=serve_sandbox, args=(queue, args.lists, args.send_delay), daemon=True),
        context.Process(target=serve_pictures, args=(queue, args.pictures, args.picture_delay), daemon=True),
    ]
    for process in servers:
        process.start()
    addresses = dict(queue.get(timeout=60) for _ in servers)
    os.environ["RCS_DESK_API_KEY"] = DEMO_API_KEY
    scenario = Scenario(args.lists, args.pictures, args.timeout, sample=not args.no_samples)
    scenario.install()
    import rcs_desk

    with tempfile.TemporaryDirectory() as folder:
        os.environ["RCS_DESK_HOME"] = str(Path(folder) / "home")
        urls = [f"{addresses['pictures']}/p{index}.jpg" for index in range(args.pictures)]
        path = campaign_file(Path(folder), urls, FIRST_GENERATED_LIST_ID)
        started = time.perf_counter()
        code = rcs_desk.main(["--api-url", addresses["sandbox"], str(path)])
        seconds = time.perf_counter() - started
    for process in servers:
        process.terminate()
    if scenario.heartbeat is None:
        raise RuntimeError(f"the window never painted (exit code {code})")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report = scenario.report(peak_mib, seconds)
    print(json.dumps(report))
    return 1 if report["error"] else 0


if __name__ == "__main__":
    sys.exit(main())
