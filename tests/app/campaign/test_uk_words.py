"""The campaign's and validation's words in Ukrainian (issue 13): said in the language chosen when they are
made, never in the one of the moment the module was imported; English keys stay English."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.api.models import CampaignInfo
from app.campaign.clock_words import planned_time_text
from app.campaign.file import CampaignFileError, load_campaign_file
from app.campaign.media_check import human_size
from app.campaign.message_statuses import message_look
from app.campaign.sms_words import encoding_words, sms_cost_words
from app.campaign.statuses import status_look, status_words
from app.campaign.text import campaign_rows, count_words, format_price
from app.campaign.value_words import value_words
from app.language import use_language
from app.validation import located_message, validate_request
from app.validation.places import place_parts

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def _request(**changes):
    request = {
        "groups": [1],
        "sender": "WWT",
        "options": {"cards": [{"text": "Hi", "suggestions": [{"type": "link", "text": "", "url": "https://a.ua/"}]}]},
        "alternative_channel": {"sms": {"text": "Hi", "sender": "WWT"}},
    }
    request.update(changes)
    return request


@pytest.mark.usefixtures("ukrainian")
def test_validation_messages_and_their_places_are_ukrainian():
    problems = validate_request(_request(sender=""), time_zone="Europe/Kyiv", now=NOW)
    said = {problem.path: problem for problem in problems}
    assert said["sender"].message == "Введіть ім’я агента RCS, від якого надходить повідомлення."
    button = said["options.cards[0].suggestions[0].text"]
    assert located_message(button) == "Картка 1, кнопка 1: Напишіть текст, який буде на кнопці."
    # Code that sorts places by name gets the English ones in any language.
    assert place_parts(button.path, english=True) == ("Card 1", "button 1")


@pytest.mark.usefixtures("ukrainian")
def test_a_message_that_names_its_card_is_not_given_the_place_twice():
    problems = validate_request(_request(options={"cards": [{"text": "Hi"}, 5]}), time_zone="UTC", now=NOW)
    card = next(problem for problem in problems if problem.path == "options.cards[1]")
    assert located_message(card) == "Картка 2 пошкоджена: вилучіть її та додайте знову."


@pytest.mark.usefixtures("ukrainian")
@pytest.mark.parametrize(("size", "said"), [(1, "1 байт"), (3, "3 байти"), (5, "5 байтів"), (21, "21 байт")])
def test_counts_take_the_ukrainian_plural_form(size, said):
    assert human_size(size) == said


@pytest.mark.usefixtures("ukrainian")
@pytest.mark.parametrize(
    ("sender", "said"),
    [
        ("W" * 41, "Ім’я агента RCS може мати щонайбільше 40 символів (зараз — 41)."),
    ],
)
def test_a_limit_is_said_with_the_form_of_its_number(sender, said):
    problems = validate_request(_request(sender=sender), time_zone="UTC", now=NOW)
    assert [problem.message for problem in problems if problem.path == "sender"] == [said]


@pytest.mark.usefixtures("ukrainian")
def test_statuses_are_said_in_the_language_of_the_moment_not_of_the_import():
    paused = status_look("paused")
    assert paused.text == "⚠ Призупинено — закінчився баланс?" and paused.words == "Призупинено — закінчився баланс?"
    assert status_words("done") == "Завершено" and status_look(None).text == "Ще невідомо"
    assert status_words("new_state") == "New state"  # the server's own word for a status this program does not know
    assert message_look("delivered").words == "Доставлено"
    assert message_look("failed", sms_sent=True, sms_status="read").words == "На телефоні немає RCS: він отримав SMS"


@pytest.mark.usefixtures("ukrainian")
def test_times_numbers_and_prices_are_written_the_ukrainian_way():
    text = planned_time_text(datetime(2026, 12, 26, 10, 30), "Europe/Kyiv", "UTC", now=NOW)
    assert text == "сб, 26 груд., 10:30, за київським часом (UTC+2) — на цьому комп’ютері: 08:30, UTC"
    assert count_words(1077) == "1\u00a0077"
    assert format_price(1234.5, "UAH") == "1\u00a0234,50\u00a0UAH" and format_price(None, "UAH") == "не вказано"
    assert format_price(0, "USD") == "0,00\u00a0USD" and format_price(0.0176, "USD") == "0,0176\u00a0USD"
    assert value_words(2.5) == "2,5" and value_words(None) == "порожньо"
    assert value_words(10**40) == "число з 41 цифри"


@pytest.mark.usefixtures("ukrainian")
def test_campaign_rows_keep_english_labels_as_keys_and_say_values_in_ukrainian():
    rows = dict(campaign_rows(CampaignInfo.from_raw({"id": 5, "status": "sending"})))
    # «Фактичний початок» is masculine: the value is said so that it agrees with any label's gender.
    assert rows["Status"] == "Надсилання…" and rows["Actual start"] == "ще не було"


@pytest.mark.usefixtures("ukrainian")
def test_sms_costs_are_said_in_ukrainian():
    text = "Знижки «30%» — тільки сьогодні!"
    assert encoding_words(text) == "українські літери: 70 в одному SMS замість 160"
    assert sms_cost_words(text) == (
        "Текст містить українські літери, тому одне SMS вміщує 70 символів замість 160: цей текст поміщається в 1 SMS."
    )
    quotes = "It’s “great”\u00a0today. " + "x" * 60
    assert sms_cost_words(quotes) == (
        "Через ці символи одне SMS вміщує 70 символів замість 160: ’ “ ” (нерозривний пробіл). "
        "Кожен телефон без RCS отримає 2 SMS замість 1 (ціна ×2). Якщо замінити 4 позначені символи, буде 1 SMS."
    )


@pytest.mark.usefixtures("ukrainian")
def test_a_campaign_file_that_cannot_be_opened_is_explained_in_ukrainian(tmp_path):
    empty = tmp_path / "zero.rcs.json"
    empty.write_bytes(b"")
    with pytest.raises(CampaignFileError) as caught:
        load_campaign_file(empty)
    assert caught.value.user_message == "Файл zero.rcs.json порожній: у ньому немає кампанії."


@pytest.mark.usefixtures("ukrainian")
def test_a_text_file_that_is_no_campaign_is_said_to_be_none_in_ukrainian(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# RCS Campaign Desk\n\nA desktop program.\n", encoding="utf-8")
    with pytest.raises(CampaignFileError) as caught:
        load_campaign_file(readme)
    assert caught.value.user_message == (
        "README.md — не файл кампанії: виберіть файл, збережений програмою (його назва закінчується на .rcs.json)."
    )


def test_english_is_the_source_and_stays_as_it_was():
    use_language("en")
    assert human_size(1) == "1 byte" and human_size(5) == "5 bytes"
    assert status_look("paused").text == "⚠ Paused — balance ran out?"
    assert count_words(1077) == "1,077"
