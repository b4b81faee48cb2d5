"""The README's picture of the Campaigns tab: three demo campaigns sent from the window, some seconds
into their lives (run by docs/make_screenshots.py; takes about 12 s, the campaigns progress in real time).

Usage: ``python docs/campaigns_screenshot.py OUT.png [light|dark]`` with RCS_DESK_HOME pointing at an
empty folder.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.campaign.file import CampaignDocument, ListInfo
from app.campaign.model import AlternativeChannel, Campaign, Card, Media, Options, SmsFallback, Suggestion
from app.sandbox.demo_data import FIRST_LIST_ID
from ui.common.theme import use_theme
from ui.shell.application import build_window, create_application
from ui.shell.qt_messages import route_qt_messages
from ui.shell.settle import wait_until

MEDIA = "https://demo.rcs-desk.invalid/media/"
CAMPAIGNS = (
    # (title, picture, list index, contacts, list name, start in days or None)
    ("Coffee break: 2 for 1 every Friday", "coffee-break.jpg", 0, 40, "Staff test phones", None),
    ("Spring sale: -30% on sneakers", "spring-sale.jpg", 2, 240, "VIP customers", None),
    ("Free delivery this weekend", "free-delivery.jpg", 6, 412, "Loyalty programme: gold", 2),
)


def document(title: str, picture: str, index: int, contacts: int, name: str, days: int | None, zone: str):
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


def main() -> int:
    out, theme = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "light")
    route_qt_messages()
    app = create_application()
    use_theme(app, theme)
    window = build_window(demo=True)
    window.persist_state = False
    window.resize(1280, 820)
    window.show()
    wait_until(window.is_settled, timeout_s=30)
    controller = window.send_controller
    results: list = []
    controller.present_confirmation = lambda dialog: dialog.accept()
    controller.present_result = results.append
    controller.present_failure = results.append
    for spec in CAMPAIGNS:
        window.editor.replace(document(*spec, zone=window.account_time_zone))
        before = len(results)
        window.send_button.click()
        wait_until(lambda before=before: len(results) > before and not controller.busy, timeout_s=30)
    time.sleep(9)  # the demo campaigns progress in real time: let them get going before the picture
    view = window.campaigns_view
    view.refresh_now()
    wait_until(lambda: not view.busy, timeout_s=30)
    window.main_tabs.setCurrentWidget(view)
    view.table.selectRow(1)
    wait_until(lambda: not view.busy, timeout_s=30)
    app.processEvents()
    ok = window.grab().save(out)
    window.editor.modified = False
    window.close()
    print(out)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
