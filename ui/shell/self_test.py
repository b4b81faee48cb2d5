"""``rcs-desk self-test``: the whole send path, offscreen, against the built-in demo server.

Builds the window, fills a campaign with two cards, a list and an SMS fallback, sends it
through the real worker thread, and checks that the result shows the campaign's id. It runs
in a temporary settings folder, so the user's settings and history are not touched. Prints
one line with the timings (and what the packaged program needs: the window icon, certificates,
keyring, time zones) and returns 0, or 1 with the reason.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from app.api import ApiError
    from app.api.models import CampaignInfo
    from ui.compose.group_model import ListRow
    from ui.shell.main_window import MainWindow


def _environment_checks() -> tuple[list[str], list[str]]:
    """(facts, failures) about what the frozen program needs at run time."""
    facts: list[str] = []
    failures: list[str] = []
    try:
        import certifi

        if Path(certifi.where()).is_file():
            facts.append("certificates ok")
        else:
            failures.append(f"certificate bundle missing at {certifi.where()}")
    except ImportError:
        failures.append("certifi is not installed")
    try:
        ZoneInfo("Europe/Kyiv")
        ZoneInfo("America/Los_Angeles")
        facts.append("time zones ok")
    except Exception as exc:  # noqa: BLE001 - ZoneInfoNotFoundError, or a broken tzdata
        failures.append(f"time zones unavailable ({type(exc).__name__})")
    from app.platform.credentials import keyring_available, keyring_backend_name

    if keyring_available():
        facts.append(f"keyring: {keyring_backend_name()}")
    else:
        from app.platform.keyring_info import keyring_report  # why: no service here, or backends not packaged

        facts.append(f"keyring: none, API key from RCS_DESK_API_KEY only [{keyring_report()}]")
    return facts, failures


def self_test() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="rcs-desk-self-test-") as home:
        os.environ["RCS_DESK_HOME"] = home
        try:
            return _run(started)
        finally:
            from ui.common import workers

            workers.wait_for_all(5000)


def _run(started: float) -> int:
    from app.campaign.file import CampaignDocument, ListInfo
    from app.campaign.model import AlternativeChannel, Campaign, Card, Media, Options, SmsFallback, Suggestion
    from ui.shell.application import build_window, create_application
    from ui.shell.qt_messages import route_qt_messages
    from ui.shell.settle import wait_until

    facts, failures = _environment_checks()
    route_qt_messages()
    app = create_application()
    window = build_window(demo=True)
    window.persist_state = False
    if window.windowIcon().isNull():  # the shipped icons were not found (app/platform/resources.py)
        failures.append("the window has no icon")
    else:
        facts.insert(0, "window icon ok")
    window.show()
    app.processEvents()
    shown = time.perf_counter()
    connection = window.connection
    if connection is None:  # build_window(demo=True) connects at once
        return _fail("the window has no connection", window)

    def loaded_rows() -> list[ListRow]:
        return [row for row in window.group_picker.model.rows() if row.state == "loaded"]

    if not wait_until(lambda: bool(loaded_rows()) and not window.group_picker.loading, timeout_s=20):
        return _fail("the contact lists did not load", window)
    lists_loaded = time.perf_counter()
    first = loaded_rows()[0]
    campaign = Campaign(
        groups=[first.id],
        sender="WWT Shop",
        options=Options(
            cards=[
                Card(
                    title="Self-test",
                    text="First card",
                    media=Media(url="https://example.com/a.png"),
                    suggestions=[Suggestion(text="Open", url="https://example.com")],
                ),
                Card(
                    title="Self-test", text="Second card", suggestions=[Suggestion(text="Call", phone="380441234567")]
                ),
            ]
        ),
        alternative_channel=AlternativeChannel(sms=SmsFallback(text="Self-test SMS", sender="WWTshop")),
    )
    document = CampaignDocument(
        campaign=campaign,
        time_zone=connection.account_time_zone,
        lists={first.id: ListInfo(first.name, first.contacts)},
    )
    window.editor.replace(document)
    if window.editor.errors:
        return _fail("the test campaign has errors: " + "; ".join(p.message for p in window.editor.errors), window)
    results: list[CampaignInfo] = []
    failures_seen: list[ApiError] = []
    controller = window.send_controller
    controller.present_confirmation = lambda dialog: dialog.accept()
    controller.present_result = results.append
    controller.present_failure = failures_seen.append
    send_started = time.perf_counter()
    window.send_button.click()
    if not wait_until(lambda: bool(results or failures_seen) and not controller.busy, timeout_s=30):
        return _fail("the send did not finish within 30 s", window)
    sent = time.perf_counter()
    if failures_seen:
        return _fail(f"the send failed: {failures_seen[0].user_message}", window)
    from ui.sending.campaign_result import CampaignResult

    shown_result = CampaignResult()
    shown_result.show_campaign(results[0])
    if str(results[0].id) not in shown_result.text():
        return _fail("the result does not show the campaign id", window)
    window.editor.modified = False
    window.close()
    if failures:
        print("self-test FAILED: " + "; ".join(failures), file=sys.stderr)
        return 1
    print(
        f"self-test ok: campaign {results[0].id} sent (demo); window {shown - started:.2f} s, "
        f"lists {lists_loaded - shown:.2f} s, send {sent - send_started:.2f} s; " + ", ".join(facts)
    )
    return 0


def _fail(reason: str, window: MainWindow) -> int:
    print(f"self-test FAILED: {reason}", file=sys.stderr)
    window.editor.modified = False
    window.close()
    return 1
