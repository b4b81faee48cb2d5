"""``rcs-desk campaign ID`` shows the cost so far beside the estimated price, as the window's detail and
the CSV summary do, and never shows the cost as the estimate."""

from __future__ import annotations

import json
from pathlib import Path

from app.api.models import CampaignDetail
from app.cli import main
from app.cli.known_price import estimate_only, with_cost_so_far

SPRING = Path(__file__).resolve().parents[3] / "examples" / "spring-sale.rcs.json"
DEMO_DONE = 53708802  # "Summer collection teaser" of the demo account, created in the web account


def shown_rows(out: str) -> dict[str, str]:
    return {label.strip(): value.strip() for label, _, value in (line.partition(": ") for line in out.splitlines())}


def test_a_campaign_sent_from_here_shows_its_estimate_and_its_cost_so_far(sandbox, capsys):
    assert main(["send", str(SPRING), "--yes", "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    assert main(["campaign", str(created["id"])]) == 0
    out = capsys.readouterr().out
    rows = shown_rows(out)
    assert rows["Estimated price"] == "26.51 USD", "the estimate the send got"
    assert rows["Cost so far"] == "0.00 USD", "nothing delivered yet: the cents as in the estimate"
    labels = [line.split(":")[0].strip() for line in out.splitlines()]
    assert labels.index("Cost so far") == labels.index("Estimated price") + 1


def test_a_web_campaign_shows_the_servers_cost_and_no_estimate(capsys):
    assert main(["--demo", "campaign", str(DEMO_DONE)]) == 0
    rows = shown_rows(capsys.readouterr().out)
    assert rows["Estimated price"] == "not given"
    assert rows["Cost so far"] == "3.97 USD"


def test_json_stays_the_campaign_call_s_answer(capsys):
    assert main(["--demo", "campaign", str(DEMO_DONE), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == DEMO_DONE and "total_price" not in data


def test_the_cost_goes_after_the_estimate_or_at_the_end():
    detail = CampaignDetail.from_raw({"id": 5, "total_price": "0.1234000", "currency": "UAH"})
    rows = [("ID", "5"), ("Estimated price", "1 UAH"), ("Name on the server", "x")]
    assert with_cost_so_far(rows, detail)[2] == ("Cost so far", "0.1234 UAH")
    assert with_cost_so_far(rows[:1], detail)[-1] == ("Cost so far", "0.1234 UAH")
    unknown = CampaignDetail.from_raw({"id": 5})
    assert with_cost_so_far(rows, unknown)[2] == ("Cost so far", "not given")


def test_the_estimate_is_never_the_cost_so_far():
    detail = CampaignDetail.from_raw({"id": 5, "total_price": "3.97"})
    assert detail.price == 3.97  # what the models take for a price when no estimate is given
    assert estimate_only(detail).price is None
    assert estimate_only(CampaignDetail.from_raw({"calculated_price": 0.5, "total_price": "3"})).price == 0.5
