"""The Campaigns tab in Ukrainian (issue 13): its own words, the core's words it shows, plurals by the catalog's
three forms, the time in two zones still split on two lines, and numbers written the Ukrainian way."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from app.api import WwtClient
from app.campaign.file import load_campaign_file
from app.campaign.statuses import status_look
from app.history import History, HistoryRecord, demo_server_label, lists_of
from app.sandbox import DEMO_API_KEY, SandboxServer, SandboxTransport
from app.sending import send_body
from app.tasks.connection import DEMO_BASE_URL, Connection
from helpers.window import EXAMPLES
from ui.campaigns.campaigns_model import FAILED, START, STATUS
from ui.campaigns.campaigns_view import CampaignsView
from ui.campaigns.delivery_bar import share_words
from ui.campaigns.delivery_picture import delivery_steps, steps_in_words
from ui.common import workers

T0 = datetime(2025, 3, 1, 10, 0, 0, tzinfo=UTC)
SPRING = EXAMPLES / "spring-sale.rcs.json"
NBSP = "\u00a0"  # Ukrainian groups thousands with a no-break space


@pytest.fixture
def view(qtbot, tmp_path, computer_zone, ukrainian) -> Iterator[CampaignsView]:
    """The Campaigns view, made in Ukrainian, with one campaign sent on a Kyiv account from a computer on UTC."""
    computer_zone("Etc/UTC")
    server = SandboxServer(clock=lambda: T0, time_zone="Europe/Kyiv")
    client = WwtClient(DEMO_BASE_URL, DEMO_API_KEY, transport=SandboxTransport(server))
    connection = Connection(client=client, demo=True, base_url=DEMO_BASE_URL, account_time_zone="Europe/Kyiv")
    history = History(tmp_path / "history.sqlite3", clock=lambda: T0)
    label = demo_server_label()
    document = load_campaign_file(SPRING)
    body = send_body(document, "Europe/Kyiv")
    info = client.send_campaign(body)
    history.record_sent(body, info, lists=lists_of(document), time_zone="Europe/Kyiv", server=label, sent_at=T0)
    made = CampaignsView(lambda: history, lambda: connection, lambda: label)
    qtbot.addWidget(made)
    made.resize(1100, 700)
    made.show()
    made.reload()
    qtbot.waitUntil(lambda: not made.busy and made.selected_record() is not None, timeout=10000)
    yield made
    assert workers.wait_for_all(5000)
    client.close()


def record(**values) -> HistoryRecord:
    base = {"record_id": 1, "origin": "this computer", "server": "demo", "campaign_id": 7, "name": None}
    base |= {"sender": None, "status": "done", "sent_at": "2025-03-01T10:00:00+00:00", "sent_by": None}
    base |= {"time_zone": "UTC", "request": None, "campaign": None, "latest": None}
    return HistoryRecord(**(base | values))


def test_the_table_and_the_detail_speak_ukrainian(qtbot, view):
    model = view.model
    assert model.headerData(STATUS, Qt.Orientation.Horizontal) == "Стан"
    assert model.headerData(START, Qt.Orientation.Horizontal) == "Запланований\nпочаток\n(за київським часом)"
    assert model.headerData(FAILED, Qt.Orientation.Horizontal) == "Не\nнадіслано"
    assert model.data(model.index(0, STATUS)) == status_look(view.selected_record().status).text  # the core's words
    pane = view.pane
    assert pane.export_button.text() == "Експортувати звіт…"
    assert pane.duplicate_button.text() == "Дублювати як нову чернетку"
    assert view.refresh_button.text() == "Оновити"
    assert view.web_box.text() == "Показати також кампанії, створені на сайті"
    assert pane.value("Повідомлення") == "Карусель із 2 карток, 3 кнопки"
    assert pane.value("SMS замість RCS") == "Увімкнено, від WWTshop"
    lists = f"VIP customers (240 контактів), Kyiv store visitors (1{NBSP}350 контактів)"
    assert pane.value("Списки контактів") == lists
    assert pane.about_box.title() == "Кампанія"


def test_a_time_in_two_zones_is_split_on_the_translated_words(qtbot, view):
    said = view.pane.value("Час надсилання")
    joint = " — на цьому комп’ютері: "
    assert joint in said  # the core said it in Ukrainian: the pane splits on those words, not on the English
    shown = view.pane.values["Час надсилання"].text()
    account, local = shown.split("\n")
    assert account == said.split(joint)[0]
    assert local == "на цьому комп’ютері: " + said.split(joint)[1]


@pytest.mark.usefixtures("ukrainian")
@pytest.mark.parametrize(
    ("sent", "words"),
    [
        (1, "Надіслано 1 повідомлення: доставлено 1 (100 %), прочитано 0 (0 %), "),
        (3, "Надіслано 3 повідомлення: доставлено 3 (100 %), прочитано 0 (0 %), "),
        (5, "Надіслано 5 повідомлень: доставлено 5 (100 %), прочитано 0 (0 %), "),
        (1021, f"Надіслано 1{NBSP}021 повідомлення: доставлено 1{NBSP}021 (100 %), прочитано 0 (0 %), "),
    ],
)
def test_the_delivery_picture_says_its_count_in_the_right_form(sent, words):
    said = steps_in_words(delivery_steps({"sent": sent, "delivered": sent}, {}))
    assert said.startswith(words) and said.endswith(".")


@pytest.mark.usefixtures("ukrainian")
def test_the_bar_in_words_is_ukrainian():
    said = share_words(record(sent=1000, delivered=812, read=400))
    assert said == f"Доставлено 812 з 1{NBSP}000 (81 %), прочитано 400"
    assert share_words(record(sent=None, status="scheduled")) == "Ще не надіслано"
