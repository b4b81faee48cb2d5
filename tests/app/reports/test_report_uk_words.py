"""A campaign's report in Ukrainian (issue 13): the header words and the summary's items in the user's
language, the columns in the same order, the times and numbers as Excel reads them."""

from __future__ import annotations

import csv
import io

from app.api.models import MessageInfo
from app.reports.excel_csv import COMMA
from app.reports.message_rows import header, message_row


def test_the_header_and_a_row_are_in_ukrainian_in_the_same_order(ukrainian):
    words = header("Europe/Kyiv")
    assert words[:3] == ["Телефон", "Стан", "Канал"]
    assert words[3].startswith("Надіслано (") and words[4].startswith("Доставлено (")
    assert words[5:] == ["Прочитано", "Ціна", "Валюта", "Ідентифікатор"]
    message = MessageInfo.from_raw(
        {"phone": 380991234567, "status": "read", "sent_at": "2026-11-27 10:00:00", "amount": {"value": "0.5"}}
    )
    row = message_row(message, "Europe/Kyiv", "Europe/Kyiv", COMMA)
    assert len(row) == len(words)
    assert row[3] == "2026-11-27 10:00:00" and row[5] == "Так" and row[6] == "0.5"


def test_the_summary_names_its_items_in_ukrainian(ukrainian, tmp_path):
    from app.api.models import CampaignDetail
    from app.reports import export_campaign_report

    class Source:
        def get_campaign_detail(self, campaign_id: int) -> CampaignDetail:
            return CampaignDetail.from_raw({"id": campaign_id, "name": "Весна", "statistics": {"delivered": 1}})

        def list_messages(self, filters, *, on_progress=None, should_cancel=None):
            yield MessageInfo.from_raw({"phone": 380991234567, "status": "delivered"})

    result = export_campaign_report(
        Source(), 5, tmp_path / "r.csv", account_time_zone="Europe/Kyiv", local_time_zone="Europe/Kyiv"
    )
    rows = list(csv.reader(io.StringIO(result.summary_path.read_text(encoding="utf-8-sig"))))
    items = dict(rows[1:])
    assert rows[0] == ["Показник", "Значення"]
    assert items["Кампанія"] == "Весна" and items["Повідомлень у звіті"] == "1"
    assert items["Номер кампанії"] == "5" and "Агент RCS" in items  # as the window and rcs-desk campaign say them
    assert items["Доставлено (за даними сервера)"] == "1"
