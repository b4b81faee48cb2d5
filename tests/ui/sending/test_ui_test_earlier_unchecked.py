"""The window's test when an earlier test whose answer never came cannot be looked up (a server error):
that phone is not sent the test again, and the "Test messages" window says so for it; the other phones
get their test. With every phone left out, no request is made."""

from __future__ import annotations

from test_ui_test_earlier import EARLIER, PHONES, earlier_unconfirmed_test, posted_tests, run_test, summary_and_rows

from helpers.messages import looked_up_references
from helpers.window import spring_sale_window

LOOK_UPS = "/api/messages"  # not /api/messages/rcs/send: a test could still go


def not_checked_words(phone: str) -> str:
    """What is said for ``phone`` when its earlier copy could not be looked up."""
    return (
        f"+{phone}: not sent again: an earlier copy of this test could not be checked on the server, and it may "
        "have arrived. Try again in a moment."
    )


def test_a_phone_whose_earlier_test_could_not_be_looked_up_is_not_sent_it_again(qtbot):
    with spring_sale_window(qtbot) as harness:
        earlier_unconfirmed_test(harness, PHONES[0], on_server=True)  # it did arrive: only the look-up fails
        harness.server.faults.fail_status = 500
        harness.server.faults.only_path = LOOK_UPS
        controller = run_test(qtbot, harness, PHONES)
        sent = posted_tests(harness.server)
        assert len(sent) == 2  # the earlier test, and the new one to the other phone only
        assert b"380671112233" in sent[1].body and b"380991234567" not in sent[1].body
        summary, rows = summary_and_rows(controller)
        assert "The test was sent to +380671112233." in summary
        assert not_checked_words(PHONES[0]) in summary.splitlines()
        assert rows["+380991234567"].startswith("Not confirmed yet")
        statuses = controller.statuses
        assert statuses is not None
        assert statuses.note.text().startswith("+380991234567: The WWT.world server had a problem")


def test_with_every_phone_left_out_no_request_is_made_and_its_status_is_followed(qtbot):
    with spring_sale_window(qtbot) as harness:
        earlier_unconfirmed_test(harness, PHONES[0], on_server=False)
        harness.server.faults.fail_status = 500
        harness.server.faults.only_path = LOOK_UPS
        controller = run_test(qtbot, harness, PHONES[:1])
        assert posted_tests(harness.server) == []
        summary, rows = summary_and_rows(controller)
        assert summary == not_checked_words(PHONES[0])
        assert list(rows) == ["+380991234567"]
        statuses = controller.statuses
        assert statuses is not None and statuses.following
        harness.server.faults.clear()  # the server answers again: the earlier test is not there
        qtbot.waitUntil(lambda: "does not list this test message" in statuses.note.text(), timeout=10000)
        assert posted_tests(harness.server) == []  # looking never sends
        assert looked_up_references(harness.server)[-1] == EARLIER
