"""The window on the demo server with a clock the README's picture scripts move: a campaign "some
minutes into its life" is the same campaign at the same point every time, with no waiting.

    app, window, clock = demo_window("dark", (1280, 820))
    send_campaigns(window)       # three demo campaigns, sent through the window as a user does
    clock.advance(120)           # the server's messages move on two minutes

Run with RCS_DESK_HOME pointing at an empty folder (the history is written there).
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from app.api import WwtClient
from app.campaign.file import CampaignDocument, ListInfo
from app.campaign.model import AlternativeChannel, Campaign, Card, Media, Options, SmsFallback, Suggestion
from app.history.follow import demo_server_label
from app.platform.config import app_paths
from app.sandbox import DEMO_API_KEY, SandboxServer, SandboxTransport
from app.sandbox.demo_data import FIRST_LIST_ID
from app.tasks.connection import DEMO_BASE_URL, Connection
from ui.common import workers
from ui.common.theme import use_theme
from ui.shell.application import create_application
from ui.shell.language_setting import start_in_language
from ui.shell.main_window import MainWindow
from ui.shell.qt_messages import route_qt_messages
from ui.shell.screenshot import wait_for_steady_window
from ui.shell.settle import wait_until

MEDIA = "https://demo.rcs-desk.invalid/media/"
CAMPAIGNS = (
    # (title, picture, list index, contacts, list name, start in days or None)
    ("Coffee break: 2 for 1 every Friday", "coffee-break.jpg", 0, 40, "Staff test phones", None),
    ("Spring sale: -30% on sneakers", "spring-sale.jpg", 2, 240, "VIP customers", None),
    ("Free delivery this weekend", "free-delivery.jpg", 6, 412, "Loyalty programme: gold", 2),
)


class Clock:
    """The demo server's time: this computer's when the script started, standing still until ``advance``
    moves it on (the campaigns are then where they are whatever the script's own pace)."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def demo_window(theme: str, size: tuple[int, int]) -> tuple[QApplication, MainWindow, Clock]:
    """The window, shown and settled, on a fresh demo server that runs on a ``Clock``, in the language the
    program would start in."""
    route_qt_messages()
    app = create_application()
    app.styleHints().setCursorFlashTime(0)
    use_theme(app, theme)
    settings = start_in_language()  # the system's language, as the program starts (make_screenshots sets LANG)
    clock = Clock()
    server = SandboxServer(time_zone=settings.account_time_zone, clock=clock)
    transport = SandboxTransport(server)
    connection = Connection(
        client=WwtClient(DEMO_BASE_URL, DEMO_API_KEY, transport=transport),
        demo=True,
        base_url=DEMO_BASE_URL,
        account_time_zone=settings.account_time_zone,
        media_mounts={DEMO_BASE_URL: transport},
        demo_label=demo_server_label(),
    )
    window = MainWindow(settings, connection, app_paths())
    window.persist_state = False
    window.resize(*size)
    window.show()
    wait_until(window.is_settled, timeout_s=30)
    return app, window, clock


def campaign_document(
    title: str, picture: str, index: int, contacts: int, name: str, days: int | None, zone: str
) -> CampaignDocument:
    """One of ``CAMPAIGNS``: a card with a picture and a button, an SMS fallback, to one demo list."""
    list_id = FIRST_LIST_ID + index
    start = None
    if days is not None:
        start = (datetime.now() + timedelta(days=days)).replace(hour=9, minute=0, second=0, microsecond=0)  # noqa: DTZ005 - a wall-clock time
    campaign = Campaign(
        groups=[list_id],
        sender="WWT Shop",
        start_at=start,
        options=Options(
            cards=[
                Card(
                    title=title,
                    text="Only this week in all our stores.",
                    media=Media(url=MEDIA + picture),
                    suggestions=[Suggestion(text="Shop now", url="https://shop.example.com")],
                )
            ]
        ),
        alternative_channel=AlternativeChannel(sms=SmsFallback(text=f"{title}. shop.example.com", sender="WWTshop")),
    )
    return CampaignDocument(campaign=campaign, time_zone=zone, lists={list_id: ListInfo(name, contacts)})


def send_campaigns(window: MainWindow) -> None:
    """Send ``CAMPAIGNS`` through the window, each confirmed as a user would."""
    controller = window.send_controller
    results: list[object] = []
    controller.present_confirmation = lambda dialog: dialog.accept()
    controller.present_result = results.append
    controller.present_failure = results.append
    for spec in CAMPAIGNS:
        window.editor.replace(campaign_document(*spec, zone=window.account_time_zone))
        before = len(results)
        window.send_button.click()
        wait_until(lambda before=before: len(results) > before and not controller.busy, timeout_s=30)


def save_picture(window: MainWindow, out: str) -> bool:
    """Wait until nothing moves, then write the window's picture."""
    problem = wait_for_steady_window(window)
    if problem:
        print(f"warning: {problem}", file=sys.stderr)
    return window.grab().save(out)


def close(window: MainWindow) -> None:
    window.editor.modified = False
    window.close()
    workers.wait_for_all(5000)
