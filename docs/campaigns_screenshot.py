"""The README's pictures of the Campaigns tab: three demo campaigns sent from the window, some seconds
into their lives on the demo server's clock, one selected with its delivery picture (run by
docs/make_screenshots.py).

Usage: ``python docs/campaigns_screenshot.py OUT.png [light|dark]`` with RCS_DESK_HOME pointing at an
empty folder.
"""

from __future__ import annotations

import sys

from demo_window import close, demo_window, save_picture, send_campaigns

from ui.shell.settle import wait_until

SECONDS_IN = 16  # on the demo clock: one campaign done, one still sending (its reads coming in), one scheduled


def main() -> int:
    out, theme = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "light")
    _app, window, clock = demo_window(theme, (1280, 820))
    send_campaigns(window)
    clock.advance(SECONDS_IN)
    view = window.show_campaigns()
    assert view is not None
    wait_until(lambda: view.record_count == 3 and not view.busy, timeout_s=30)
    view.refresh_now()
    wait_until(lambda: not view.busy, timeout_s=30)
    window.balance_status.refresh()  # what the campaigns cost by then, whenever it was last asked
    view.table.selectRow(1)
    wait_until(lambda: not view.busy, timeout_s=30)
    ok = save_picture(window, out)
    close(window)
    print(out)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
