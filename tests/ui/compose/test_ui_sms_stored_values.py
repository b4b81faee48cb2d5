"""The SMS tab shows what the campaign file holds, even where a field cannot take it.

An SMS validity of 0 used to show as "1 hour" (and 100 as "72 hours") while the campaign kept the
file's number and the error under the field named it: the screen disagreed with what would be sent.
Now such a value shows as "not allowed: 0 hours", stays in the campaign untouched, and the first
choice of the user replaces it.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPoint, Qt

from app.campaign import limits
from app.campaign.model import AlternativeChannel
from ui.compose.editor_state import CampaignEditor, new_document
from ui.compose.sms_panel import SmsFallbackPanel

FINE = {"text": "Sale today", "sender": "WWTshop", "validity": 24, "check_stop_list": True}


@pytest.fixture
def panel(qtbot):
    editor = CampaignEditor(new_document("Europe/Kyiv"))
    widget = SmsFallbackPanel(editor, ["WWTshop"])
    qtbot.addWidget(widget)
    widget.resize(520, 600)
    widget.show()
    return widget


def open_sms(panel: SmsFallbackPanel, **values: Any) -> None:
    """Open a campaign whose SMS fallback holds ``values`` over a correct one, as read from a file."""
    document = new_document("Europe/Kyiv")
    document.campaign.alternative_channel = AlternativeChannel.from_dict({"sms": {**FINE, **values}})
    panel.editor.replace(document)


def sms_request(panel: SmsFallbackPanel) -> dict[str, Any]:
    return panel.editor.campaign.to_request()["alternative_channel"]["sms"]


@pytest.mark.parametrize(
    ("stored", "shown", "key", "chosen"),
    [
        (0, "not allowed: 0 hours", Qt.Key.Key_Up, limits.VALIDITY_MIN_HOURS),
        (100, "not allowed: 100 hours", Qt.Key.Key_Down, limits.VALIDITY_MAX_HOURS),
        (-5, "not allowed: -5 hours", Qt.Key.Key_Up, limits.VALIDITY_MIN_HOURS),
        (2.5, "not allowed: 2.5 hours", Qt.Key.Key_Up, 3),
        ("soon", 'not allowed: "soon"', Qt.Key.Key_Up, limits.VALIDITY_DEFAULT_HOURS),
        (None, "not allowed: empty", Qt.Key.Key_Down, limits.VALIDITY_DEFAULT_HOURS),
        (10**25, "not allowed: a number of 26 digits", Qt.Key.Key_Down, limits.VALIDITY_MAX_HOURS),
    ],
)
def test_a_validity_the_field_cannot_take_is_shown_kept_and_replaced_by_the_users_choice(
    qtbot, panel, stored, shown, key, chosen
):
    open_sms(panel, validity=stored)
    spin = panel.validity_spin
    assert spin.text() == shown
    assert sms_request(panel)["validity"] == stored  # untouched: what the file holds is what would be sent
    assert not panel.editor.modified
    assert panel.validity_problem.isVisible() and spin.property("severity") == "error"  # the error points here
    spin.setFocus()
    qtbot.keyClick(spin, key)  # the arrows start from the nearest allowed number
    assert sms_request(panel)["validity"] == chosen
    assert spin.text() == (f"{chosen} hour" if chosen == 1 else f"{chosen} hours") and not spin.is_showing_stored
    assert not panel.validity_problem.isVisible()


def test_typing_a_number_over_a_value_not_allowed_writes_it(qtbot, panel):
    open_sms(panel, validity="soon")
    spin = panel.validity_spin
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "5")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    assert sms_request(panel)["validity"] == 5
    assert spin.minimum() == limits.VALIDITY_MIN_HOURS  # the range is the allowed one again


def test_an_allowed_validity_opened_after_one_not_allowed_shows_as_a_number(panel):
    open_sms(panel, validity=0)
    open_sms(panel, validity=12)
    assert panel.validity_spin.text() == "12 hours" and not panel.validity_spin.is_showing_stored
    assert panel.validity_spin.minimum() == limits.VALIDITY_MIN_HOURS


def test_a_stop_list_choice_that_is_neither_yes_nor_no_is_half_ticked_until_chosen(qtbot, panel):
    open_sms(panel, check_stop_list="yes")
    box = panel.stop_list_check
    assert box.checkState() == Qt.CheckState.PartiallyChecked
    assert sms_request(panel)["check_stop_list"] == "yes" and panel.stop_list_problem.isVisible()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.height() // 2, box.height() // 2))
    assert box.checkState() == Qt.CheckState.Checked and sms_request(panel)["check_stop_list"] is True
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.height() // 2, box.height() // 2))
    assert box.checkState() == Qt.CheckState.Unchecked and sms_request(panel)["check_stop_list"] is False


@pytest.mark.parametrize(("member", "stored"), [("sender", 12345), ("text", 42)])
def test_a_sender_or_text_that_is_not_text_is_named_and_typing_replaces_it(qtbot, panel, member, stored):
    open_sms(panel, **{member: stored})
    field = panel.sender_combo.lineEdit() if member == "sender" else panel.text_edit
    assert field.placeholderText() == f"not allowed: {stored}"
    assert sms_request(panel)[member] == stored
    if member == "sender":
        qtbot.keyClicks(field, "Shop1")
    else:
        field.setPlainText("Hi")
    assert sms_request(panel)[member] == ("Shop1" if member == "sender" else "Hi")
    assert not field.placeholderText().startswith("not allowed")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40)
@given(validity=json_values, stop_list=json_values)
def test_whatever_a_file_holds_the_tab_shows_it_and_changes_nothing(panel, validity, stop_list):
    open_sms(panel, validity=validity, check_stop_list=stop_list)
    request = sms_request(panel)
    assert request["validity"] == validity and request["check_stop_list"] == stop_list
    assert not panel.editor.modified
    allowed = isinstance(validity, int) and not isinstance(validity, bool)
    allowed = allowed and limits.VALIDITY_MIN_HOURS <= validity <= limits.VALIDITY_MAX_HOURS
    text = panel.validity_spin.text()
    assert text.startswith(str(validity)) if allowed else text.startswith("not allowed: ")
    half = panel.stop_list_check.checkState() == Qt.CheckState.PartiallyChecked
    assert half == (not isinstance(stop_list, bool) and stop_list is not None)
