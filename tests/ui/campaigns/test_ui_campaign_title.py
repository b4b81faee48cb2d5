"""The selected campaign's title above its detail boxes uses the width it has: the whole first line of its
message where it fits (not the table's 60 characters), on two lines at most, "…" only where it does not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from app.history import HistoryRecord
from ui.campaigns.campaign_detail import CampaignDetailPane
from ui.common.lines_label import ELLIPSIS, fits, fitted_text

LONG = "Лише цього тижня: усі бігові кросівки зі знижкою 30% у всіх наших магазинах і онлайн"  # 84 characters


def record(**values) -> HistoryRecord:
    base = {"record_id": 1, "origin": "this computer", "server": "demo", "campaign_id": 7, "name": None}
    base |= {"sender": None, "status": "done", "sent_at": "2025-03-01T10:00:00+00:00", "sent_by": None}
    base |= {"time_zone": "UTC", "request": None, "campaign": None, "latest": None}
    return HistoryRecord(**(base | values))


def sent_with_title(title: str) -> HistoryRecord:
    return record(request={"groups": [1], "sender": "WWT Shop", "options": {"cards": [{"title": title}]}})


@pytest.fixture
def pane(qtbot) -> CampaignDetailPane:
    made = CampaignDetailPane()
    qtbot.addWidget(made)
    made.show()
    return made


def shown_at(pane: CampaignDetailPane, width: int) -> str:
    pane.resize(width, 700)
    QApplication.processEvents()
    return pane.title.text()


def lines_of(pane: CampaignDetailPane) -> float:
    title = pane.title
    return title.heightForWidth(title.width()) / title.fontMetrics().lineSpacing()


def test_a_long_title_is_whole_where_the_pane_has_room(pane):
    pane.show_record(sent_with_title(LONG))
    assert len(LONG) > 60  # the table's and the command line's limit
    assert shown_at(pane, 1900) == LONG
    assert pane.title.toolTip() == ""  # nothing hidden: no tip


def test_a_short_title_wraps_whole_in_the_smallest_window(pane):
    pane.show_record(sent_with_title("Spring sale: -30% on sneakers"))
    assert shown_at(pane, 600) == "Spring sale: -30% on sneakers"  # the 640-pixel window


def test_a_title_too_long_for_two_lines_ends_in_an_ellipsis(pane):
    title = " ".join([LONG] * 3)  # under the 300 characters a heading is given
    pane.show_record(sent_with_title(title))
    shown = shown_at(pane, 700)
    assert shown.endswith(ELLIPSIS) and title.startswith(shown[:-1])
    assert lines_of(pane) < 2.5
    assert pane.title.toolTip() == title  # the whole title, where it is cut
    assert shown_at(pane, 1900) != shown  # wider: more of it


def test_a_campaign_from_the_web_account_shows_its_whole_server_name(pane):
    name = "Весняний розпродаж для постійних клієнтів: бігові кросівки, одяг і аксесуари — до неділі"
    pane.show_record(record(origin="web account", name=name))
    assert shown_at(pane, 1900) == name


def test_only_the_first_line_is_the_title(pane):
    pane.show_record(record(request={"groups": [1], "options": {"text": "Hello!\nSecond line"}}))
    assert pane.title.text() == "Hello!"


@given(st.text(max_size=300), st.integers(min_value=1, max_value=900), st.integers(min_value=1, max_value=3))
def test_the_text_shown_is_the_whole_or_a_beginning_that_fits(qapp, text, width, lines):
    font = QFont()
    shown = fitted_text(text, font, width, lines)
    if shown != text:
        assert shown.endswith(ELLIPSIS) and text.startswith(shown[:-1].rstrip())
        assert shown == ELLIPSIS or fits(QFontMetrics(font), shown, width, lines)
