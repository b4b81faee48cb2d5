"""The send's confirmation and outcome said in Ukrainian (issue 13): counts in the right plural form,
problems grouped by card whatever language names the places, money written the Ukrainian way."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from app.campaign.file import CampaignDocument, ListInfo, load_campaign_file
from app.campaign.model import Campaign
from app.language import use_language
from app.sending.pipeline import NotSendable, prepare_send
from app.sending.summary import balance_caution, group_by_place, send_anyway_text, send_summary
from app.validation import Problem

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def _to_lists(count: int) -> str:
    document = load_campaign_file(EXAMPLES / "spring-sale.rcs.json")
    document.campaign.groups = list(range(1, count + 1))
    document.lists = {number: ListInfo(f"L{number}", 100) for number in document.campaign.groups}
    use_language("uk")
    lines = {line.label: line.value for line in send_summary(document, local_zone="Europe/Kyiv")}
    return lines["Кому"]


@pytest.mark.parametrize(
    ("count", "words"),
    [(1, "1 список, 100 контактів"), (3, "3 списки, 300 контактів"), (5, "5 списків, 500 контактів")],
)
def test_the_lists_are_counted_in_the_right_form(ukrainian, count, words):
    assert _to_lists(count).startswith(f"{words}: L1")


def test_the_confirmation_says_the_message_and_the_fallback_in_ukrainian(ukrainian):
    document = load_campaign_file(EXAMPLES / "spring-sale.rcs.json")
    lines = {line.label: line.value for line in send_summary(document, local_zone="Europe/Kyiv")}
    assert lines["Повідомлення"] == "Карусель із 2 карток, 3 кнопки"
    assert lines["Доставляти протягом"] == "48 годин"
    assert lines["SMS замість RCS"] == "Увімкнено, від WWTshop: 1 SMS на кожен телефон без RCS"


def test_problems_are_grouped_by_card_whatever_the_places_are_called(ukrainian):
    http = "Адреса http://"
    problems = [
        Problem("groups", "warning", "Забагато контактів."),
        *(Problem(f"options.cards[{index}].media.url", "warning", http) for index in (0, 1, 4)),
        Problem("options.cards[2].title", "error", "Заголовок задовгий."),
    ]
    groups = [(group.place, [p.message for p in group.problems]) for group in group_by_place(problems)]
    assert groups[0] == ("Картки 1, 2 і 5", [http])  # the cards by number, then the recipients
    assert [messages for _, messages in groups[1:]] == [["Заголовок задовгий."], ["Забагато контактів."]]


def test_send_anyway_names_the_cards(ukrainian):
    one = [Problem("options.cards[1].media", "error", "x", overridable=True)]
    assert send_anyway_text(one) == "Все одно надіслати: зображення картки 2 не показуватиметься"
    two = [Problem(f"options.cards[{i}].media", "error", "x", overridable=True) for i in (0, 2)]
    assert send_anyway_text(two) == "Все одно надіслати: зображення карток 1 і 3 не показуватимуться"


def test_money_is_written_the_ukrainian_way(ukrainian):
    caution = balance_caution(1234.5, None, "UAH", 100_000)
    assert caution.startswith("Вашого балансу (1\u00a0234,50\u00a0UAH) може не вистачити на 100\u00a0000 повідомлень")


def test_a_send_that_cannot_be_prepared_says_so_in_ukrainian(ukrainian):
    # 01:30 UTC is 03:30 in Kyiv that night, the second 03:30: refused rather than sent an hour early.
    start = datetime(2026, 10, 25, 1, 30)
    document = CampaignDocument(campaign=Campaign(groups=[1], sender="Shop", start_at=start), time_zone="UTC")
    with pytest.raises(NotSendable) as refused:
        prepare_send(document, "Europe/Kyiv")
    assert str(refused.value).startswith("Запланований початок — ")
    assert str(refused.value).endswith("Нічого не надіслано: виберіть час поза цією годиною.")
