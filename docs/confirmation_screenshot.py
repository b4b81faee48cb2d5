"""The README's picture of the send confirmation: a scheduled campaign whose SMS costs more than one
part, shown the way the window asks before sending (run by docs/make_screenshots.py).

Usage: ``python docs/confirmation_screenshot.py FILE OUT.png [light|dark]`` with RCS_DESK_HOME pointing at
an empty folder. Nothing is sent: the question is answered "Cancel" once the picture is taken.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.campaign.file import load_campaign_file
from ui.common.theme import use_theme
from ui.sending.send_flow import ConfirmSendDialog
from ui.shell.application import build_window, create_application
from ui.shell.qt_messages import route_qt_messages
from ui.shell.settle import settle_layout, wait_until


def main() -> int:
    source, out, theme = Path(sys.argv[1]), sys.argv[2], (sys.argv[3] if len(sys.argv) > 3 else "light")
    route_qt_messages()
    app = create_application()
    use_theme(app, theme)
    window = build_window(demo=True)
    window.persist_state = False
    window.resize(1024, 640)
    window.show()
    wait_until(window.is_settled, timeout_s=30)
    window.editor.replace(load_campaign_file(source))
    wait_until(window.is_settled, timeout_s=30)
    asked: list[ConfirmSendDialog] = []
    window.send_controller.present_confirmation = asked.append
    window.send_button.click()
    wait_until(lambda: bool(asked), timeout_s=10)
    dialog = asked[0]
    dialog.show()
    settle_layout(dialog, timeout_s=5)
    ok = dialog.grab().save(out)
    dialog.reject()
    window.editor.modified = False
    window.close()
    print(out)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
