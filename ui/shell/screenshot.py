"""``rcs-desk screenshot``: the window, offscreen, once lists and previews have loaded.

The same file at the same size gives the same picture, byte for byte: the picture is taken once all
background work has ended and the layout has stopped moving, with no blinking cursor and every
animated GIF held at its first frame.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.campaign.file import CampaignFileError, load_campaign_file
from app.language import tr
from ui.common import workers
from ui.common.image_view import ImageView
from ui.common.theme import use_theme
from ui.shell.application import build_window, create_application
from ui.shell.language_setting import start_in_language
from ui.shell.qt_messages import route_qt_messages
from ui.shell.settle import settle_layout, wait_until

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow

TABS = {"message": 0, "recipients": 1, "schedule": 2, "sms": 3}  # the composer's tabs; "campaigns" is its own page


def wait_for_steady_window(window: MainWindow, work_s: float = 30, layout_s: float = 10) -> str | None:
    """Wait until the window shows a state that does not change any more; what was not finished, or None.

    First every background task (lists, picture checks, the balance) ends, then the layout settles:
    pictures arrive at their own pace, and the sizes they change reach the outer widgets one pass of
    the event loop later. Animated GIFs are held at their first frame.
    """
    if not wait_until(lambda: window.is_settled() and not workers.running_tasks(), timeout_s=work_s):
        return tr("the lists or previews had not finished loading after {seconds} s").format(seconds=f"{work_s:g}")
    for view in window.findChildren(ImageView):
        view.hold_first_frame()
    if not settle_layout(window, timeout_s=layout_s):
        return tr("the window was still changing its layout after {seconds} s").format(seconds=f"{layout_s:g}")
    return None


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
    app.styleHints().setCursorFlashTime(0)  # a cursor that blinks would be in one picture and not in the next
    use_theme(app, theme)
    settings = start_in_language()  # as the window starts: in the language of the Settings, else the system's
    # the user's kept demo account (earlier campaigns, IDs from the clock) would change the picture
    window = build_window(demo=demo, api_url=api_url, settings=settings, keep_demo_account=False)
    window.persist_state = False  # a picture must not change the user's saved window size
    if file:
        try:
            document = load_campaign_file(file, default_time_zone=window.account_time_zone)
        except CampaignFileError as exc:
            # The reason names the file when it is about the file itself ("x.rcs.json cannot be opened: ...").
            name = Path(file).name
            said = (
                exc.user_message
                if name in exc.user_message
                else tr("{file} could not be opened: {reason}").format(file=name, reason=exc.user_message)
            )
            print(said, file=sys.stderr)
            window.close()
            workers.wait_for_all(5000)
            return 1
        window.editor.replace(document, Path(file).resolve())
        if document.note:  # as the window says it when it opens the file
            window.files.show_note(document.note)
    if tab == "campaigns":
        window.main_tabs.setCurrentIndex(1)
    else:
        window.tabs.setCurrentIndex(TABS[tab])
    window.resize(*size)
    window.show()
    problem = wait_for_steady_window(window)
    if problem:
        print(f"warning: {problem}", file=sys.stderr)
    ok = window.grab().save(out)
    window.editor.modified = False  # a screenshot never asks to save
    window.close()
    if not ok:
        print(tr("{file} could not be written.").format(file=out), file=sys.stderr)
        return 1
    print(out)
    return 0
