"""``rcs-desk screenshot``: the window, offscreen, once lists and previews have loaded."""

from __future__ import annotations

import sys
from pathlib import Path

from app.campaign.file import CampaignFileError, load_campaign_file
from ui.common import workers
from ui.common.theme import use_theme
from ui.shell.application import build_window, create_application
from ui.shell.qt_messages import route_qt_messages
from ui.shell.settle import wait_until

TABS = {"message": 0, "recipients": 1, "schedule": 2, "sms": 3}  # the composer's tabs; "campaigns" is its own page


def take_screenshot(
    out: str,
    file: str | None,
    *,
    demo: bool,
    api_url: str | None,
    size: tuple[int, int],
    theme: str,
    tab: str,
) -> int:
    route_qt_messages()
    app = create_application()
    use_theme(app, theme)
    window = build_window(demo=demo, api_url=api_url)
    window.persist_state = False  # a picture must not change the user's saved window size
    if file:
        try:
            document = load_campaign_file(file, default_time_zone=window.account_time_zone)
        except CampaignFileError as exc:
            print(f"{file} could not be opened: {exc.user_message}", file=sys.stderr)
            window.close()
            workers.wait_for_all(5000)
            return 1
        window.editor.replace(document, Path(file).resolve())
    if tab == "campaigns":
        window.main_tabs.setCurrentIndex(1)
    else:
        window.tabs.setCurrentIndex(TABS[tab])
    window.resize(*size)
    window.show()
    settled = wait_until(window.is_settled, timeout_s=30)
    app.processEvents()
    if not settled:
        print("warning: the lists or previews had not finished loading after 30 s", file=sys.stderr)
    ok = window.grab().save(out)
    window.editor.modified = False  # a screenshot never asks to save
    window.close()
    if not ok:
        print(f"{out} could not be written.", file=sys.stderr)
        return 1
    print(out)
    return 0
