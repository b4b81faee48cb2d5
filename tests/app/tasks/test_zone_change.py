"""After the account's zone changed, the campaigns' times are read again: the server writes them in it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from app.api import WwtClient
from app.campaign.file import load_campaign_file
from app.history import History, lists_of
from app.sandbox import DEMO_API_KEY, SandboxServer, SandboxTransport
from app.sending import send_body
from app.tasks.connection import DEMO_BASE_URL
from app.tasks.context import NEVER_CANCELLED
from app.tasks.zone_change import read_times_again

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "spring-sale.rcs.json"


def test_finished_campaigns_of_this_server_are_read_again(tmp_path):
    now = [datetime(2025, 3, 1, 10, 0, tzinfo=UTC)]
    server = SandboxServer(clock=lambda: now[0], time_zone="UTC")
    client = WwtClient(DEMO_BASE_URL, DEMO_API_KEY, transport=SandboxTransport(server))
    history = History(tmp_path / "history.sqlite3", clock=lambda: now[0])
    document = load_campaign_file(EXAMPLE)
    ids = []
    for label in ("this server", "another server"):
        body = send_body(document, "UTC")
        info = client.send_campaign(body)
        ids.append(
            history.record_sent(body, info, lists=lists_of(document), time_zone="UTC", server=label, sent_at=now[0])
        )
        now[0] += timedelta(seconds=10)
    for record_id in ids:
        history.update_status(record_id, client.get_campaign_detail(history.record(record_id).campaign_id))
    assert history.record(ids[0]).start_at == "2025-03-01 10:00:00"

    server.zone = server.store.zone = ZoneInfo("Europe/Kyiv")
    snapshot = read_times_again(NEVER_CANCELLED, history, client, "this server", False)
    assert history.record(ids[0]).start_at == "2025-03-01 12:00:00"  # as the server writes it now
    assert history.record(ids[1]).start_at == "2025-03-01 10:00:10"  # another server's: left as last seen
    assert [r.record_id for r in snapshot.records] == [ids[1], ids[0]]
    client.close()
