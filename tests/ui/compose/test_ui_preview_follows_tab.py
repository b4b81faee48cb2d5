"""The phone preview shows what the open editor tab is about: the SMS on the SMS fallback tab."""

from __future__ import annotations

from PySide6.QtCore import Qt

from helpers.window import spring_sale_window
from ui.compose.compose_page import MESSAGE_TAB, RECIPIENTS_TAB, SCHEDULE_TAB, SMS_TAB


def test_the_sms_fallback_tab_shows_the_sms_and_the_message_tab_rcs(qtbot):
    with spring_sale_window(qtbot) as harness:
        window = harness.window
        preview = window.phone_preview
        assert preview.mode == "rcs"
        window.tabs.setCurrentIndex(SMS_TAB)
        assert preview.mode == "sms" and preview.mode_tabs.currentIndex() == 1
        assert preview.sms_bubble.isVisibleTo(preview)
        window.tabs.setCurrentIndex(SCHEDULE_TAB)  # about both: the preview stays as it was
        assert preview.mode == "sms"
        window.tabs.setCurrentIndex(MESSAGE_TAB)
        assert preview.mode == "rcs" and preview.mode_tabs.currentIndex() == 0


def test_the_user_can_still_switch_the_preview_by_hand(qtbot):
    with spring_sale_window(qtbot) as harness:
        window = harness.window
        preview = window.phone_preview
        window.tabs.setCurrentIndex(SMS_TAB)
        bar = preview.mode_tabs
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
        assert preview.mode == "rcs"
        window.tabs.setCurrentIndex(RECIPIENTS_TAB)
        assert preview.mode == "rcs"
