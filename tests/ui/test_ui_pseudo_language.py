"""Every text the window shows goes through the catalog (issue 13): the pseudo-language finds those that do not.

tools/i18n.py makes a pseudo-language from the source's texts, each written ``⟦text⟧``. With it, the window
is built on the demo server with the spring-sale campaign open, every tab is visited and every dialog the
user can open without sending money is opened (Settings, the send question up to the question, the test's
question and the Test messages window (the demo server's), the welcome, the restore offer, a message box,
the unsaved changes question, the restart question). Every text a person reads is collected: window
titles, labels, buttons, check boxes, group boxes, tabs, menus and their actions, tooltips, placeholder
texts, accessible names, table headers, combo box items, spin box prefixes and suffixes, the status bar.
A text with a letter outside ``⟦…⟧`` was not translated: the test lists each one with its widget.

What may show unmarked is user data and names, kept small and explicit here (``allowed``): the campaign
file's own texts, the demo server's list names, file names, web addresses, time zone names, each
language's own name, the product's and the company's names, "RCS" or "SMS" alone. Qt's own standard
buttons (Save, Cancel: Qt's catalog translates them) and the calendar (Qt's month and day names) are not
the program's texts. File dialogs are Qt's own and are not opened.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt, QTimer
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTextEdit,
    QWidget,
)

from app import APP_NAME
from app.campaign.time_zones import is_valid_time_zone
from app.language import NAMES, use_language
from app.platform.recovery import RecoveryEntry
from helpers.pseudo import MARKED, file_texts, write_pseudo_catalog
from helpers.window import EXAMPLES, spring_sale_window
from ui.common.message_box import MessageDialog

ROOT = Path(__file__).resolve().parents[2]
CAMPAIGN = EXAMPLES / "spring-sale.rcs.json"
WEB_ADDRESS = re.compile(r"https?://\S+")
MONEY = re.compile(r"\d[\d.,\u00a0 ]* [A-Z]{3}\b")  # an amount and its currency code: "250.00 USD"
# Names and words that are the same in every language.
NAMES_KEPT = (APP_NAME, "WWT.world", *NAMES.values())
ALONE = ("RCS", "SMS")  # allowed when they are the whole text
KEY_EXAMPLE = "live_…"  # the API key field's example: how a key starts, as the account shows it
INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\u00ad"))  # where a long word may wrap: not letters
PUNCTUATION = " \t\n.,:;!?()[]{}<>—–-…•·*+/'\"«»“”%&=#|"


@pytest.fixture(scope="module")
def pseudo_folder(tmp_path_factory) -> Path:
    return write_pseudo_catalog(tmp_path_factory.mktemp("locale"))


@pytest.fixture
def pseudo(pseudo_folder):
    use_language("pseudo", folder=pseudo_folder)
    yield
    use_language("en")


@dataclass(frozen=True)
class Seen:
    """A text as shown: by which widget (class and object name) and as what (label, tooltip...)."""

    widget: str
    kind: str
    text: str

    def __str__(self) -> str:
        return f"{self.widget} {self.kind}: {self.text!r}"


def plain(text: str) -> str:
    """A label's text as read: without HTML tags and entities, without the & of a shortcut letter."""
    if "<" in text and ">" in text:
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    return re.sub(r"&(?=\S)", "", text).replace("&&", "&")


def name_of(widget: QWidget) -> str:
    name = widget.objectName()
    return f"{type(widget).__name__}#{name}" if name else type(widget).__name__


def is_qts_own(widget: QWidget) -> bool:
    """A standard button (Qt's catalog translates it) or a part of the calendar (Qt's month and day names)."""
    if isinstance(widget, QAbstractButton):
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QDialogButtonBox) and parent.standardButton(widget) != parent.StandardButton.NoButton:
                return True
            if isinstance(parent, QMessageBox) and parent.standardButton(widget) != QMessageBox.StandardButton.NoButton:
                return True
            parent = parent.parentWidget()
    parent = widget
    while parent is not None:
        if isinstance(parent, QCalendarWidget):
            return True
        parent = parent.parentWidget()
    return False


def headers(view: QAbstractItemView) -> Iterator[str]:
    model: QAbstractItemModel | None = view.model()
    header: QHeaderView | None = getattr(view, "horizontalHeader", getattr(view, "header", lambda: None))()
    if model is None or header is None or header.isHidden():
        return
    for column in range(model.columnCount()):
        if not header.isSectionHidden(column):
            value = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                yield value
            tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            if isinstance(tip, str):
                yield tip


class Texts:
    """What the window and its dialogs showed."""

    def __init__(self) -> None:
        self.seen: dict[Seen, None] = {}  # in the order seen, once each

    def add(self, widget: str, kind: str, text: str | None) -> None:
        if text and text.strip():
            self.seen.setdefault(Seen(widget, kind, text), None)

    def of(self, top: QWidget) -> None:
        """Every text of ``top`` and its visible widgets (a hidden one is looked at where it shows)."""
        for widget in [top, *top.findChildren(QWidget)]:
            if (widget is top or widget.isVisible()) and not is_qts_own(widget):
                self.widget(widget)
        if isinstance(top, QMainWindow):
            self.menus(top)
            self.add(name_of(top.statusBar()), "status bar message", top.statusBar().currentMessage())

    def widget(self, widget: QWidget) -> None:
        name = name_of(widget)
        if widget.isWindow():
            self.add(name, "window title", widget.windowTitle().replace("[*]", ""))
        self.add(name, "tooltip", plain(widget.toolTip()))
        self.add(name, "accessible name", widget.accessibleName())
        self.add(name, "accessible description", widget.accessibleDescription())
        if isinstance(widget, QLabel | QAbstractButton):
            self.add(name, "text", plain(widget.text()))
        elif isinstance(widget, QGroupBox):
            self.add(name, "title", plain(widget.title()))
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                self.add(name, "tab", plain(widget.tabText(index)))
                self.add(name, "tab tooltip", widget.tabToolTip(index))
        elif isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
            self.add(name, "placeholder", widget.placeholderText())
        elif isinstance(widget, QComboBox):
            for index in range(widget.count()):
                self.add(name, "item", widget.itemText(index))
        elif isinstance(widget, QSpinBox | QDoubleSpinBox):  # its prefix and suffix may be one text, cut
            self.add(name, "prefix and suffix", f"{widget.prefix()}{widget.value()}{widget.suffix()}")
        if isinstance(widget, QAbstractSpinBox):
            self.add(name, "special value", widget.specialValueText())
        if isinstance(widget, QAbstractItemView):
            for text in headers(widget):
                self.add(name, "header", text)

    def menus(self, window: QMainWindow) -> None:
        for action in window.menuBar().actions():
            menu: QMenu | None = action.menu()
            self.add("QMenuBar", "menu", plain(action.text()))
            if menu is not None:
                for item in menu.actions():
                    if not item.isSeparator():
                        self.add(f"QMenu:{plain(action.text())}", "action", plain(item.text()))
                        if item.toolTip() != plain(item.text()).removesuffix("…"):  # else Qt's own copy
                            self.add(f"QMenu:{plain(action.text())}", "action tooltip", item.toolTip())

    def unmarked(self, allowed: Iterable[str]) -> list[Seen]:
        kept = sorted(set(allowed), key=len, reverse=True)
        return [seen for seen in self.seen if not_marked(seen.text, kept)]


def not_marked(text: str, allowed: list[str]) -> bool:
    """Whether ``text`` has a letter outside ``⟦…⟧`` that is not in an ``allowed`` text."""
    rest = text.translate(INVISIBLE)
    while True:
        inner = MARKED.sub(" ", rest)
        if inner == rest:
            break
        rest = inner
    if rest.strip(PUNCTUATION) in ALONE or is_valid_time_zone(rest.strip()):
        return False
    rest = WEB_ADDRESS.sub(" ", rest)
    rest = MONEY.sub(" ", rest)
    for item in allowed:
        rest = rest.replace(item, " ")
    return any(char.isalpha() for char in rest)


def answer_modal_later(texts: Texts) -> None:
    """A blocking question (QMessageBox.question) is read and cancelled once it shows."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(10, answer)
            return
        texts.of(box)
        assert isinstance(box, QDialog)
        box.reject()

    QTimer.singleShot(0, answer)


def visit(qtbot, harness, texts: Texts, tmp_path: Path) -> None:
    window = harness.window
    window.resize(1024, 640)
    window.build_side_panels()

    for index in range(window.tabs.count()):  # the composer's tabs
        window.tabs.setCurrentIndex(index)
        qtbot.waitUntil(window.is_settled, timeout=10000)
        texts.of(window)
    view = window.show_campaigns()
    assert view is not None
    qtbot.waitUntil(lambda: not view.busy, timeout=10000)
    texts.of(window)
    window.main_tabs.setCurrentIndex(0)

    settings = window.open_settings()
    qtbot.waitUntil(lambda: settings.key_status.text() != "⟦Looking for a saved API key…⟧", timeout=5000)
    texts.of(settings)
    settings.reject()

    from ui.shell.welcome_dialog import WelcomeDialog

    welcome = WelcomeDialog(window)
    welcome.show()
    texts.of(welcome)
    welcome.reject()

    from ui.shell.restore_dialog import RestoreDialog

    saved_at = datetime.now(UTC) - timedelta(minutes=3)
    for source in (CAMPAIGN, None):
        entry = RecoveryEntry(tmp_path / "recovery.json", saved_at, source, window.editor.document)
        restore = RestoreDialog(entry, parent=window)
        restore.show()
        texts.of(restore)
        restore.reject()

    window.connector._on_failed(RuntimeError("a test's failure"), True)  # a message box with "Try again"
    [message] = [dialog for dialog in window.findChildren(MessageDialog) if dialog.isVisible()]
    texts.of(message)
    message.reject()

    answer_modal_later(texts)
    window.files._ask_discard()  # "Save the changes to … first?"

    def read_and_say_later(box: QMessageBox) -> None:
        box.show()
        texts.of(box)
        box.findChild(QAbstractButton, "restartLaterButton").click()

    window.language_restart.present = read_and_say_later
    window.language_restart.offer("uk")

    controller = window.send_controller

    def read_and_cancel(dialog: QDialog) -> None:
        dialog.show()
        texts.of(dialog)
        dialog.reject()

    controller.present_confirmation = read_and_cancel
    window.send_button.click()
    qtbot.waitUntil(lambda: not controller.busy, timeout=10000)
    assert harness.sends() == []  # nothing was sent

    window.settings.test_phones = ["380991234567"]
    tests = window.test_sends.controller
    tests.refresh_ms = 50

    def read_and_test(dialog: QDialog) -> None:  # the demo server's test: nothing is paid
        dialog.show()
        texts.of(dialog)
        dialog.accept()

    tests.present_confirmation = read_and_test
    tests.request_test()
    qtbot.waitUntil(lambda: tests.statuses is not None and tests.statuses.refreshed > 0, timeout=10000)
    texts.of(tests.statuses)
    tests.statuses.close()
    texts.of(window)


def test_every_text_shown_is_translated(qtbot, pseudo, tmp_path):
    texts = Texts()
    with spring_sale_window(qtbot) as harness:
        visit(qtbot, harness, texts, tmp_path)
        list_names = [row.name for row in harness.window.group_picker.model.rows()]
    allowed = [
        *file_texts(json.loads(CAMPAIGN.read_text(encoding="utf-8"))),
        *list_names,
        CAMPAIGN.name,
        *NAMES_KEPT,
        KEY_EXAMPLE,
    ]
    assert len(texts.seen) > 100  # the window and its dialogs were read
    missed = texts.unmarked(allowed)
    assert not missed, f"{len(missed)} texts are not translated:\n" + "\n".join(str(seen) for seen in missed)


@pytest.mark.parametrize(
    ("text", "missed"),
    [
        ("⟦Send…⟧", False),
        ("⟦Balance: ⟦12.50 UAH⟧⟧", False),
        ("⟦Phone {number}:⟧ 2", False),
        ("Phone ⟦2⟧", True),
        ("spring-sale.rcs.json — RCS Campaign Desk", False),
        ("Europe/Kyiv", False),
        ("SMS", False),
        ("SMS fallback", True),
        ("https://one-api.wwt.world", False),
        ("12:30, 26.12", False),
    ],
)
def test_what_counts_as_not_translated(text, missed):
    assert not_marked(text, sorted([CAMPAIGN.name, *NAMES_KEPT], key=len, reverse=True)) is missed
