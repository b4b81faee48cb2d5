"""The Message tab and the composer around it in Ukrainian (issue 13): the agent, the kind of message, the
cards and their buttons, the counters, the picture preview, the tab titles and the status line.

Each text is looked up when the widget is made or updated, in the language chosen then (never at import);
counts take Ukrainian's three plural forms.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QSpinBox

from app.campaign.file import ListInfo
from app.campaign.media_check import MediaCheck
from app.campaign.model import Card, Options, Suggestion
from app.language import use_language
from app.platform.config import Settings
from helpers.window import spring_sale_window
from ui.common import workers
from ui.compose.button_editor import ButtonEditor
from ui.compose.compose_page import MESSAGE_TAB, RECIPIENTS_TAB, ComposePage
from ui.compose.editor_state import CampaignEditor, new_document
from ui.compose.media_preview import MediaPreview, MediaPreviewService, MediaResult
from ui.compose.media_problems import media_problem
from ui.compose.message_editor import MessageEditor
from ui.compose.message_fields import CounterLabel, hours_suffix, show_kept_value
from ui.compose.needs_key_panel import NeedsKeyPanel

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
IMPORT_XLS = 1864608  # the demo account's list of 12,000 contacts


@pytest.fixture
def editor():
    editor = CampaignEditor(new_document("Europe/Kyiv"))
    editor.set_clock(NOW)
    return editor


@pytest.fixture
def service():
    media_service = MediaPreviewService(check=lambda url, **_: MediaCheck(url, "not_found", "Не знайдено."))
    yield media_service
    media_service.shutdown()
    assert workers.wait_for_all(5000)


@pytest.mark.usefixtures("ukrainian")
@pytest.mark.parametrize(
    ("left", "words"),
    [(1, "Залишився 1 символ."), (3, "Залишилося 3 символи."), (5, "Залишилося 5 символів.")],
)
def test_the_counter_says_what_is_left_in_the_form_of_its_number(qtbot, left, words):
    counter = CounterLabel(25)
    qtbot.addWidget(counter)
    counter.set_text_count("x" * (25 - left))
    assert counter.toolTip() == f"{words} Емодзі й деякі знаки рахуються як 2."
    assert counter.text() == f"{25 - left} / 25"
    assert counter.accessibleName() == "Використано символів"


@pytest.mark.usefixtures("ukrainian")
def test_the_counter_past_its_limit(qtbot):
    counter = CounterLabel(10)
    qtbot.addWidget(counter)
    counter.set_text_count("x" * 13)
    assert counter.toolTip() == "3 зайві символи: скоротіть текст."


@pytest.mark.usefixtures("ukrainian")
def test_the_hours_box_agrees_with_its_number(qtbot):
    spin = QSpinBox()
    qtbot.addWidget(spin)
    spin.setRange(1, 72)
    hours_suffix(spin)
    shown = {}
    for value in (1, 3, 5, 21):
        spin.setValue(value)
        shown[value] = spin.text()
    assert shown == {1: "1 година", 3: "3 години", 5: "5 годин", 21: "21 година"}


@pytest.mark.usefixtures("ukrainian")
def test_a_value_the_file_holds_but_the_field_cannot_show(qtbot):
    button = ButtonEditor(Suggestion(text="Go", type="link", url="https://a.ua/"), 1)
    qtbot.addWidget(button)
    show_kept_value(button.text_field, {"text": 123}, "text", "")
    assert button.text_field.placeholderText() == "недопустиме значення: 123"


@pytest.mark.usefixtures("ukrainian")
def test_the_message_editor_in_ukrainian(qtbot, editor, service):
    widget = MessageEditor(editor, service)
    qtbot.addWidget(widget)
    assert [widget.kind_buttons[kind].text() for kind in ("text", "card", "carousel")] == [
        "Прост&ий текст",
        "Розширена &картка",
        "Ка&русель",
    ]
    assert widget.kind_hint.text() == "Одна картка: зображення чи відео, заголовок, текст і до 2 кнопок."
    assert widget.cards.add_card_button.text() == "+ Додати ще одну картку (вийде карусель)"
    card_editor = widget.card_editors[0]
    assert card_editor.title_field.accessibleName() == "Заголовок картки 1"
    assert card_editor.buttons_heading.text() == "Кнопки (0 з 2)"
    assert card_editor.preview.message.text().startswith("Вставте адресу зображення (JPEG, PNG, GIF до 2 МБ)")
    widget.cards.add_card_button.click()
    assert widget.kind_hint.text() == "Від 2 до 5 карток поруч; наступну відкривають, провівши пальцем."
    assert [widget.cards.card_tabs.tabText(i) for i in range(2)] == ["Картка 1 ✖", "Картка 2 ✖"]  # both are empty
    assert widget.cards.card_tabs.tabToolTip(1).startswith("У картці 2 є проблема: ")
    assert widget.cards.remove_card_button.accessibleName() == "Вилучити картку 2"
    card_editor.add_button.click()
    button = card_editor.buttons[0]
    assert button.heading.text() == "Кнопка 1"
    assert [button.kind_box.itemText(i) for i in range(2)] == ["Відкрити посилання", "Зателефонувати"]
    assert button.text_field.toolTip() == "Щонайбільше 25 символів; емодзі рахуються як 2."


@pytest.mark.usefixtures("ukrainian")
def test_the_question_before_a_switch_removes_content_is_one_ukrainian_text(qtbot, editor, service):
    editor.campaign.options = Options(cards=[Card(title="Весна", text="Знижки"), Card(text="Ще")])
    widget = MessageEditor(editor, service)
    qtbot.addWidget(widget)
    asked = []
    widget.confirm = lambda title, question, action: asked.append((title, question, action)) or False
    widget.kind_buttons["text"].click()
    assert asked == [
        (
            "Змінити тип повідомлення?",
            (
                "Просте текстове повідомлення містить лише текст. Текст картки 1 буде збережено.\n\n"
                "Буде вилучено картку 2 і заголовок картки 1."
            ),
            "Змінити й вилучити",
        )
    ]


@pytest.mark.usefixtures("ukrainian")
def test_the_composer_frame_in_ukrainian(qtbot, editor, service):
    page = ComposePage(editor, Settings(), service)
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(i).split("  ")[0] for i in range(page.tabs.count())]
    assert titles == ["Повідомлення", "Отримувачі", "Розклад", "SMS замість RCS"]
    assert page.test_button.text() == "Надіслати тест…"
    assert page.agent_field.combo.lineEdit().placeholderText() == "Ім’я агента, наприклад WWT Shop"
    count = len(editor.errors)
    assert count >= 5  # a new campaign: no agent, no lists, no text, ...
    assert page.problems_label.text().startswith(f"Перед надсиланням треба виправити {count} проблем")


@pytest.mark.usefixtures("ukrainian")
def test_the_picture_preview_and_its_problem(qtbot, service):
    preview = MediaPreview(service)
    qtbot.addWidget(preview)
    check = MediaCheck("https://x.example/a.mp4", "video", "Відео MP4, 2 МБ")
    preview._show_result(MediaResult(check))
    assert preview.message.text() == "Відео MP4, 2 МБ — телефони показують перший кадр"
    assert preview.retry_button.text() == "Перевірити ще раз"
    picture = MediaCheck("https://x.example/a.png", "image", "Зображення PNG", "image/png", 10, b"x")
    problem = media_problem("options.cards[0].media", MediaResult(picture, None))
    assert problem is not None
    assert problem.message == "Тут не вдалося прочитати зображення: можливо, файл пошкоджено."


@pytest.mark.usefixtures("ukrainian")
def test_the_panel_that_asks_for_a_key(qtbot):
    panel = NeedsKeyPanel()
    qtbot.addWidget(panel)
    assert panel.open_settings_button.text() == "Відкрити налаштування…"
    assert panel.try_demo_button.text() == "Спробувати демо"


def test_the_status_line_points_at_a_warnings_tab_in_ukrainian(qtbot):
    use_language("uk")
    try:
        with spring_sale_window(qtbot) as harness:
            window = harness.window
            qtbot.waitUntil(lambda: window.preview_service.is_idle, timeout=10000)
            document = window.editor.document
            document.campaign.groups.append(IMPORT_XLS)
            document.lists[IMPORT_XLS] = ListInfo("Import XLS", 4500)  # more than 5,000 with the others
            window.editor.touch()
            assert window.problems_label.text() == (
                "Готово до надсилання · 1 попередження <a href='warnings'>на вкладці Отримувачі</a>"
            )
            assert window.compose.tabs.tabText(RECIPIENTS_TAB) == "Отримувачі  ⚠ 1"
            url = window.editor.campaign.options.cards[1].media_url
            check = MediaCheck(url, "redirect", "Переспрямовує на іншу адресу.")
            window.media_problems.on_service_checked(url, MediaResult(check))
            assert window.compose.tabs.tabText(MESSAGE_TAB) == "Повідомлення  ✖ 1"
            assert window.problems_label.text().startswith(
                "Не готово: зображення картки 2 не показуватиметься на телефонах. Виправте або надішліть"
            )
    finally:
        use_language("en")


def test_in_english_one_character_is_one_character(qtbot):
    counter = CounterLabel(10)
    qtbot.addWidget(counter)
    counter.set_text_count("x" * 9)
    assert counter.toolTip() == "1 character left. Emoji and some symbols count as 2."
    counter.set_text_count("x" * 11)
    assert counter.toolTip() == "1 character too many: shorten the text."
