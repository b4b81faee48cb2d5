"""The contact-list picker, driven as a user would, against the in-process demo server."""

from __future__ import annotations

import socket
import threading

import httpx
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from app.api import WwtClient
from app.campaign.file import ListInfo
from app.sandbox import DEMO_API_KEY, SandboxServer, SandboxTransport
from app.sandbox.demo_data import DEMO_LISTS, FIRST_LIST_ID
from ui.common import workers
from ui.compose.editor_state import CampaignEditor, new_document
from ui.compose.group_model import CONTACTS, NAME
from ui.compose.group_picker import GroupPicker

# the offscreen platform says this for every window shown; it is not a problem of the program

DEMO_COUNT = len(DEMO_LISTS)
LOAD_TIMEOUT = 5000


@pytest.fixture
def clients():
    made: list[WwtClient] = []
    yield made
    for client in made:  # closing cuts any server delay short, so no thread outlives the test
        client.close()
    assert workers.wait_for_all(5000)


def sandbox_client(clients, server: SandboxServer, transport: httpx.BaseTransport | None = None) -> WwtClient:
    client = WwtClient("https://sandbox.invalid", DEMO_API_KEY, transport=transport or SandboxTransport(server))
    clients.append(client)
    return client


@pytest.fixture
def editor():
    return CampaignEditor(new_document("Europe/Kyiv"))


def make_picker(qtbot, editor, client_factory) -> GroupPicker:
    picker = GroupPicker(editor, client_factory)
    qtbot.addWidget(picker)
    picker.resize(520, 600)
    picker.show()
    return picker


def load(qtbot, picker: GroupPicker) -> int:
    with qtbot.waitSignal(picker.lists_loaded, timeout=LOAD_TIMEOUT) as blocker:
        picker.reload()
    qtbot.waitUntil(lambda: not picker.loading, timeout=LOAD_TIMEOUT)
    return blocker.args[0]


def shown_names(picker: GroupPicker) -> list[str]:
    return [picker.proxy.index(row, NAME).data() for row in range(picker.proxy.rowCount())]


def click_row(qtbot, picker: GroupPicker, name: str, column: int = NAME) -> None:
    row = shown_names(picker).index(name)
    index = picker.proxy.index(row, column)
    picker.table.scrollTo(index)
    rect = picker.table.visualRect(index)
    qtbot.mouseClick(picker.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def demo_id(name: str) -> int:
    """The demo server gives the demo lists consecutive ids in the order of DEMO_LISTS."""
    return FIRST_LIST_ID + [row[0] for row in DEMO_LISTS].index(name)


@pytest.fixture
def demo_picker(qtbot, editor, clients):
    client = sandbox_client(clients, SandboxServer())
    picker = make_picker(qtbot, editor, lambda: client)
    assert load(qtbot, picker) == DEMO_COUNT
    return picker


def test_demo_lists_load_with_name_size_and_description(demo_picker):
    picker = demo_picker
    assert picker.model.rowCount() == DEMO_COUNT
    assert picker.status_label.text() == f"{DEMO_COUNT} lists in this account"
    names = shown_names(picker)
    assert names == sorted(names, key=str.casefold)  # sorted by name to start with
    row = names.index("Import XLS")
    assert picker.proxy.index(row, CONTACTS).data() == "12,000"  # thousands separator
    alignment = picker.proxy.index(row, CONTACTS).data(Qt.ItemDataRole.TextAlignmentRole)
    assert Qt.AlignmentFlag(alignment) & Qt.AlignmentFlag.AlignRight
    kyiv = names.index("Kyiv store visitors")
    assert picker.proxy.index(kyiv, 2).data() == "Loyalty card scans in the Kyiv stores"
    assert not picker.error_box.isVisible()


@pytest.mark.slow
def test_ten_thousand_lists_all_load_with_progress(qtbot, editor, clients):
    client = sandbox_client(clients, SandboxServer(list_count=10000))
    picker = make_picker(qtbot, editor, lambda: client)
    progress_texts: list[str] = []
    with qtbot.waitSignal(picker.lists_loaded, timeout=LOAD_TIMEOUT) as blocker:
        picker.reload()
        picker._task.progress.connect(lambda _value: progress_texts.append(picker.status_label.text()))
    assert blocker.args == [10000]
    qtbot.waitUntil(lambda: not picker.loading, timeout=LOAD_TIMEOUT)
    assert picker.model.rowCount() == 10000
    assert picker.status_label.text() == "10,000 lists in this account"
    # progress is sampled (ui.common.workers.PROGRESS_INTERVAL_MS): in order, ending with the last page
    loaded = [int(text.split("… ")[1].split(" of ")[0].replace(",", "")) for text in progress_texts]
    assert loaded == sorted(loaded) and all(text.endswith(" of 10,000") for text in progress_texts)
    assert progress_texts[-1] == "Loading lists… 10,000 of 10,000"
    qtbot.keyClicks(picker.search_edit, "List 0999")
    assert shown_names(picker) == [name for name in shown_names(picker) if "list 0999" in name.casefold()]
    assert picker.proxy.rowCount() == 10  # "List 09990" .. "List 09999"
    assert picker.status_label.text() == "10 shown · 10,000 lists in this account"


def test_search_filters_as_you_type_case_insensitively_over_name_and_description(qtbot, demo_picker):
    picker = demo_picker
    counts = []
    for char in "STORE":
        qtbot.keyClicks(picker.search_edit, char)
        counts.append(picker.proxy.rowCount())
    assert counts[0] > counts[-1]  # narrower with every letter
    assert sorted(shown_names(picker)) == ["Kyiv store visitors", "Lviv store visitors"]
    picker.search_edit.clear()
    qtbot.keyClicks(picker.search_edit, "footer")  # only in a description
    assert shown_names(picker) == ["Newsletter subscribers"]
    qtbot.keyClicks(picker.search_edit, "zzz")
    assert picker.proxy.rowCount() == 0
    assert picker.empty_label.isVisible() and "footerzzz" in picker.empty_label.text()


def test_checking_lists_updates_footer_and_document_in_order(qtbot, demo_picker, editor):
    picker = demo_picker
    changes = []
    editor.content_changed.connect(lambda: changes.append(list(editor.campaign.groups)))
    click_row(qtbot, picker, "VIP customers", column=2)  # a click anywhere on the row
    assert editor.campaign.groups == [demo_id("VIP customers")]
    assert picker.footer_label.text() == "1 list selected, 240 contacts"
    picker.table.setFocus()
    row = shown_names(picker).index("Kyiv store visitors")
    picker.table.setCurrentIndex(picker.proxy.index(row, CONTACTS))
    qtbot.keyClick(picker.table, Qt.Key.Key_Space)
    assert editor.campaign.groups == [demo_id("VIP customers"), demo_id("Kyiv store visitors")]
    assert editor.document.lists[demo_id("Kyiv store visitors")] == ListInfo("Kyiv store visitors", 1350)
    assert picker.footer_label.text() == "2 lists selected, 1,590 contacts"
    assert picker.proxy.index(row, NAME).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    click_row(qtbot, picker, "VIP customers")  # unchecking
    assert editor.campaign.groups == [demo_id("Kyiv store visitors")]
    assert demo_id("VIP customers") not in editor.document.lists
    assert picker.footer_label.text() == "1 list selected, 1,350 contacts"
    assert changes[-1] == [demo_id("Kyiv store visitors")] and len(changes) == 3
    assert editor.modified
    assert not any(p.path == "groups" and p.is_error for p in editor.problems)


def test_more_than_5000_contacts_shows_a_warning_in_words(qtbot, demo_picker, editor):
    picker = demo_picker
    click_row(qtbot, picker, "Newsletter subscribers")  # 4,800
    assert not picker.limit_warning.isVisible()
    click_row(qtbot, picker, "VIP customers")  # + 240 = 5,040
    assert picker.footer_label.text() == "2 lists selected, 5,040 contacts"
    assert picker.limit_warning.isVisible()
    assert picker.limit_warning.text() == ("⚠ More than 5,000 contacts: WWT.world sends at most 5,000 per campaign.")
    click_row(qtbot, picker, "VIP customers")
    assert not picker.limit_warning.isVisible()


def test_sorting_by_contacts_header(qtbot, demo_picker):
    picker = demo_picker
    header = picker.table.horizontalHeader()
    x = header.sectionViewportPosition(CONTACTS) + header.sectionSize(CONTACTS) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    sizes = [picker.proxy.index(r, CONTACTS).data() for r in range(picker.proxy.rowCount())]
    numbers = [int(s.replace(",", "")) for s in sizes]
    assert numbers == sorted(numbers) or numbers == sorted(numbers, reverse=True)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    again = [int(picker.proxy.index(r, CONTACTS).data().replace(",", "")) for r in range(picker.proxy.rowCount())]
    assert again == list(reversed(numbers))


def test_failed_load_shows_the_message_retry_and_copy_details(qtbot, editor, clients):
    server = SandboxServer()
    server.faults.fail_status = 500
    client = sandbox_client(clients, server)
    picker = make_picker(qtbot, editor, lambda: client)
    with qtbot.waitSignal(picker.load_failed, timeout=LOAD_TIMEOUT) as blocker:
        picker.reload()
    error = blocker.args[0]
    assert picker.error_box.isVisible() and picker.error_box.retry_button.isVisible()
    assert picker.error_box.message_label.text() == error.user_message
    assert "500" not in picker.error_box.message_label.text()
    qtbot.mouseClick(picker.error_box.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == error.details != ""
    server.faults.fail_status = None
    with qtbot.waitSignal(picker.lists_loaded, timeout=LOAD_TIMEOUT):
        qtbot.mouseClick(picker.error_box.retry_button, Qt.MouseButton.LeftButton)
    assert not picker.error_box.isVisible()
    assert picker.model.rowCount() == DEMO_COUNT


def test_unreachable_server_says_so_plainly(qtbot, editor, clients):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    client = WwtClient(f"http://127.0.0.1:{port}", DEMO_API_KEY, timeout=2.0)
    clients.append(client)
    picker = make_picker(qtbot, editor, lambda: client)
    with qtbot.waitSignal(picker.load_failed, timeout=LOAD_TIMEOUT):
        picker.reload()
    assert "Could not reach the WWT.world server" in picker.error_box.message_label.text()
    assert picker.error_box.retry_button.isVisible()


class GatedTransport(httpx.BaseTransport):
    """A sandbox transport whose list requests wait until ``release`` is set."""

    def __init__(self, server: SandboxServer) -> None:
        self.inner = SandboxTransport(server)
        self.entered = threading.Event()
        self.release = threading.Event()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.startswith("/api/groups"):
            self.entered.set()
            self.release.wait(5)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.release.set()
        self.inner.close()


def test_reload_cancels_a_running_load_and_drops_its_result(qtbot, editor, clients):
    gated = GatedTransport(SandboxServer(list_count=3))
    first = sandbox_client(clients, SandboxServer(), transport=gated)
    second = sandbox_client(clients, SandboxServer())
    handed = iter([first, second])
    picker = make_picker(qtbot, editor, lambda: next(handed))
    loaded: list[int] = []
    picker.lists_loaded.connect(loaded.append)
    picker.reload()
    old_task = picker._task
    qtbot.waitUntil(gated.entered.is_set, timeout=LOAD_TIMEOUT)
    picker.reload()  # the user clicks Reload while the first load hangs
    assert old_task.cancelled
    gated.release.set()
    qtbot.waitUntil(lambda: loaded != [] and not picker.loading, timeout=LOAD_TIMEOUT)
    assert loaded == [DEMO_COUNT]  # only the new load's result arrived
    assert picker.model.rowCount() == DEMO_COUNT


def test_one_list_not_found_is_said_in_the_singular(demo_picker, editor):
    document = new_document("Europe/Kyiv")
    document.campaign.groups = [424242]
    editor.replace(document)
    assert demo_picker.missing_warning.text().startswith(
        "⚠ 1 chosen list was not found in this account. It stays in the campaign until you uncheck it;"
    )


def test_opened_campaign_keeps_lists_the_account_does_not_have(qtbot, demo_picker, editor):
    picker = demo_picker
    document = new_document("Europe/Kyiv")
    document.campaign.groups = [demo_id("VIP customers"), 424242, 99]
    document.lists = {424242: ListInfo("Old list", 100), demo_id("VIP customers"): ListInfo("VIP", 200)}
    editor.replace(document)
    names = shown_names(picker)
    assert sorted(names[:2]) == [  # on top, where they are seen
        "List 99 (not found in this account)",
        "Old list (list 424242, not found in this account)",
    ]
    for row in (0, 1):
        assert picker.proxy.index(row, NAME).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert editor.campaign.groups == [demo_id("VIP customers"), 424242, 99]  # nothing dropped
    assert picker.missing_warning.isVisible() and "2 chosen lists were not found" in picker.missing_warning.text()
    assert picker.footer_label.text() == "3 lists selected, 300 contacts and 1 more list of unknown size"
    click_row(qtbot, picker, "List 99 (not found in this account)")
    assert editor.campaign.groups == [demo_id("VIP customers"), 424242]
    click_row(qtbot, picker, "Old list (list 424242, not found in this account)")
    assert 424242 not in editor.document.lists
    click_row(qtbot, picker, "Old list (list 424242, not found in this account)")  # changed their mind
    assert editor.campaign.groups == [demo_id("VIP customers"), 424242]
    assert editor.document.lists[424242] == ListInfo("Old list", 100)  # not the row's display name


def test_sizes_of_chosen_lists_are_refreshed_from_the_account(qtbot, editor, clients):
    document = new_document("Europe/Kyiv")
    document.campaign.groups = [demo_id("VIP customers")]
    document.lists = {demo_id("VIP customers"): ListInfo("VIP (old name)", 9999)}
    editor.replace(document)
    client = sandbox_client(clients, SandboxServer())
    picker = make_picker(qtbot, editor, lambda: client)
    assert shown_names(picker) == ["VIP (old name)"]  # before loading: what the file remembers
    assert picker.limit_warning.isVisible()
    load(qtbot, picker)
    assert editor.document.lists[demo_id("VIP customers")] == ListInfo("VIP customers", 240)
    assert picker.footer_label.text() == "1 list selected, 240 contacts"
    assert not picker.limit_warning.isVisible()
    assert not editor.modified  # refreshed, not an edit by the user
