"""Picture checks as problems, warnings marking their tab, and a status line that points at visible marks."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from app.campaign.file import ListInfo
from app.campaign.media_check import MediaCheck
from app.tasks.pictures import CONCLUSIVE_STATES, INCONCLUSIVE_STATES
from app.validation import Problem
from helpers.window import spring_sale_window
from ui.compose.compose_page import MESSAGE_TAB, RECIPIENTS_TAB, SMS_TAB
from ui.compose.media_preview import MediaResult
from ui.compose.media_problems import media_problem

PATH = "options.cards[1].media"
IMPORT_XLS = 1864608  # the demo account's list of 12,000 contacts


@pytest.fixture
def harness(qtbot):
    with spring_sale_window(qtbot) as harness:
        qtbot.waitUntil(lambda: harness.window.preview_service.is_idle, timeout=10000)
        yield harness


@pytest.mark.parametrize("state", sorted(CONCLUSIVE_STATES))
def test_a_proved_failure_is_an_error_the_user_may_override(state):
    problem = media_problem(PATH, MediaResult(MediaCheck("https://x.example/a.jpg", state, "Why.")))
    assert problem is not None
    assert problem.is_error and problem.overridable
    assert problem.message == "The picture will not show on phones. Why."


@pytest.mark.parametrize("state", sorted(INCONCLUSIVE_STATES))
def test_a_check_that_could_not_finish_is_a_warning(state):
    problem = media_problem(PATH, MediaResult(MediaCheck("https://x.example/a.jpg", state, "No answer.")))
    assert problem == Problem(
        PATH, "warning", "The picture could not be checked, so phones may not show it. No answer."
    )


def test_a_video_too_large_is_called_a_video():
    check = MediaCheck("https://x.example/a.mp4", "too_large", "12 MB.", "video/mp4", 12_000_000)
    problem = media_problem(PATH, MediaResult(check))
    assert problem is not None and problem.message.startswith("The video will not show")


def test_fine_pictures_and_unreadable_ones(qtbot):
    image = QImage(2, 2, QImage.Format.Format_RGB32)
    fine = MediaCheck("https://x.example/a.png", "image", "PNG image, 1 KB", "image/png", 1000, b"x")
    assert media_problem(PATH, MediaResult(fine, image)) is None
    assert media_problem(PATH, MediaResult(MediaCheck("u", "video", "MP4 video"))) is None
    assert media_problem(PATH, MediaResult(MediaCheck("u", "cancelled", ""))) is None
    unreadable = media_problem(PATH, MediaResult(fine, None))
    assert unreadable is not None and not unreadable.is_error


def test_the_over_5000_contacts_warning_marks_the_recipients_tab(harness):
    window = harness.window
    document = window.editor.document
    document.campaign.groups.append(IMPORT_XLS)
    document.lists[IMPORT_XLS] = ListInfo("Import XLS", 4500)  # with the others, more than 5,000 together
    window.editor.touch()
    tabs = window.compose.tabs
    assert tabs.tabText(RECIPIENTS_TAB).endswith("⚠ 1")
    assert "⚠" not in tabs.tabText(MESSAGE_TAB) and "✖" not in tabs.tabText(SMS_TAB)
    text = window.problems_label.text()
    assert text.startswith("Ready to send · 1 warning") and "on the Recipients tab" in text
    assert "marked field" not in text
    window.compose.tabs.setCurrentIndex(MESSAGE_TAB)
    window.problems_label.linkActivated.emit("warnings")
    assert tabs.currentIndex() == RECIPIENTS_TAB


def test_one_list_over_5000_contacts_stops_the_send_at_the_recipients_tab(harness):
    window = harness.window
    document = window.editor.document
    document.campaign.groups.append(IMPORT_XLS)
    document.lists[IMPORT_XLS] = ListInfo("Import XLS", 12000)
    window.editor.touch()
    assert window.compose.tabs.tabText(RECIPIENTS_TAB).endswith("✖ 1")
    assert "12,000 contacts" in window.editor.errors[0].message
    assert not window.send_button.isEnabled()


def test_a_warning_no_tab_shows_is_said_in_the_status_line(harness):
    window = harness.window
    window.editor.set_media_problems([Problem("", "warning", "Something about the whole campaign.")])
    assert all("⚠" not in window.compose.tabs.tabText(i) for i in range(window.compose.tabs.count()))
    assert window.problems_label.text() == "Ready to send · 1 warning: Something about the whole campaign."


def test_a_picture_error_marks_the_message_tab_and_the_status_says_which_card(harness):
    window = harness.window
    url = window.editor.campaign.options.cards[1].media_url
    check = MediaCheck(url, "redirect", "Redirects to another address: RCS rejects redirects.")
    window.media_problems.on_service_checked(url, MediaResult(check))
    assert window.compose.tabs.tabText(MESSAGE_TAB).endswith("✖ 1")
    assert window.problems_label.text().startswith("Not ready: card 2's picture will not show on phones.")
    assert window.send_button.isEnabled()
    window.editor.document.campaign.sender = None  # an error no tick can override
    window.editor.touch()
    assert window.problems_label.text() == "2 problems to fix before sending"
    assert not window.send_button.isEnabled()
    assert "RCS agent: " in window.send_button.toolTip()
