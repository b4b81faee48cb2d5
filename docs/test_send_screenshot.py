"""The README's pictures of "Send a test…": the question before the test, then the Test messages window
once both phones have their final status on the demo server's clock (run by docs/make_screenshots.py).

Usage: ``python docs/test_send_screenshot.py FILE QUESTION.png STATUSES.png [light|dark]`` with
RCS_DESK_HOME pointing at an empty folder. The two demo phones are chosen for what they show: one reads
the message, the other has no RCS and gets the SMS instead.
"""

from __future__ import annotations

import sys
from pathlib import Path

from demo_window import close, demo_window

from app.campaign.file import load_campaign_file
from ui.sending.test_messages_window import TestMessagesWindow
from ui.sending.test_send_flow import ConfirmTestDialog
from ui.shell.settle import settle_layout, wait_until

PHONES = ["380671112233", "380991234567"]  # read on the phone; no RCS, so the SMS
SECONDS_LATER = 60  # every report is in by then


def fit_to_rows(window: TestMessagesWindow) -> None:
    """The window as tall as its rows need (it opens taller, with room for five phones), nothing current."""
    table = window.table
    rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
    table.setFixedHeight(table.horizontalHeader().height() + rows + 2 * table.frameWidth())
    table.setCurrentCell(-1, -1)
    table.clearFocus()
    window.resize(window.width(), 1)  # as short as the layout lets it be


def main() -> int:
    source, question_out, statuses_out = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    theme = sys.argv[4] if len(sys.argv) > 4 else "light"
    app, window, clock = demo_window(theme, (1024, 640))
    window.editor.replace(load_campaign_file(source, default_time_zone=window.account_time_zone))
    wait_until(window.is_settled, timeout_s=30)
    window.settings.test_phones = list(PHONES)
    controller = window.test_sends.controller
    controller.refresh_ms = 100
    asked: list[ConfirmTestDialog] = []
    controller.present_confirmation = asked.append
    controller.request_test()
    wait_until(lambda: bool(asked), timeout_s=30)
    dialog = asked[0]
    dialog.show()
    settle_layout(dialog, timeout_s=5)
    ok = dialog.grab().save(question_out)
    dialog.accept()
    wait_until(lambda: controller.statuses is not None and not controller.busy, timeout_s=30)
    statuses = controller.statuses
    assert statuses is not None
    clock.advance(SECONDS_LATER)
    wait_until(lambda: not statuses.following, timeout_s=30)
    fit_to_rows(statuses)
    settle_layout(statuses, timeout_s=5)
    app.processEvents()
    ok = statuses.grab().save(statuses_out) and ok
    statuses.close()
    close(window)
    print(question_out)
    print(statuses_out)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
