"""Settings, the welcome and the message dialogs: every line of their texts shows, in the window's words.

Qt does not grow a window when a wrapped label's text gets longer after it was shown: the keyring
message of Settings was cut at its top and bottom. And the window's texts say how to connect in
the window's terms (Settings, the demo), never an environment variable or "keyring".
"""

from __future__ import annotations

import re

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtWidgets import QDialog, QLabel

from app.platform.config import Settings
from ui.common.message_box import MessageDialog
from ui.shell.settings_dialog import SettingsDialog
from ui.shell.welcome_dialog import WelcomeDialog

JARGON = re.compile(r"RCS_DESK|environment variable|\bkeyring\b|\(keyring\)|JSON|HTTP|[Ee]xception")


class LockedKeyring(KeyringBackend):
    """A password store that is there but refuses every request (locked, or its service stopped)."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("refused")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.PasswordDeleteError("refused")


def cut_labels(dialog: QDialog) -> list[str]:
    """The wrapped labels shown less tall than their text needs at their width."""
    return [
        label.text()[:40]
        for label in dialog.findChildren(QLabel)
        if label.isVisible() and label.wordWrap() and label.height() < label.heightForWidth(label.width())
    ]


def settled_status(qtbot, dialog: SettingsDialog) -> str:
    qtbot.waitUntil(lambda: "Looking for" not in dialog.key_status.text(), timeout=5000)
    return dialog.key_status.text()


def test_the_no_password_store_message_shows_whole_and_in_the_windows_words(qtbot):
    keyring.set_keyring(fail.Keyring())
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    said = settled_status(qtbot, dialog)
    assert "no password store" in said and "Settings" in said and "demo" in said
    assert not JARGON.search(said), said
    qtbot.waitUntil(lambda: cut_labels(dialog) == [], timeout=5000)  # grown to fit the longer text
    dialog.resize(dialog.width(), 40)  # the user cannot shrink it over the text either
    qtbot.waitUntil(lambda: cut_labels(dialog) == [], timeout=5000)
    assert dialog.height() > 40


@pytest.mark.parametrize("state", ["nothing saved", "saved", "from the environment", "locked"])
def test_what_settings_says_about_the_key_is_plain(qtbot, monkeypatch, isolated_environment, state):
    if state == "saved":
        isolated_environment.set_password("RCS Campaign Desk", "wwt-api-key", "live_abc")
    elif state == "from the environment":
        monkeypatch.setenv("RCS_DESK_API_KEY", "live_abc")
    elif state == "locked":
        keyring.set_keyring(LockedKeyring())
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    said = settled_status(qtbot, dialog)
    assert said and not JARGON.search(said), said
    qtbot.waitUntil(lambda: cut_labels(dialog) == [], timeout=5000)


def test_a_refused_save_is_said_plainly(qtbot):
    keyring.set_keyring(LockedKeyring())
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    settled_status(qtbot, dialog)
    qtbot.keyClicks(dialog.key_edit, "live_abcdef")
    dialog.on_save_clicked()
    qtbot.waitUntil(lambda: "refused" in dialog.key_status.text(), timeout=5000)
    assert not JARGON.search(dialog.key_status.text())
    assert dialog.key_status.property("tone") == "error"


def test_the_welcome_says_where_the_key_is_kept_without_jargon(qtbot):
    dialog = WelcomeDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "not in a file" in texts and not JARGON.search(texts), texts
    qtbot.waitUntil(lambda: cut_labels(dialog) == [], timeout=5000)


def test_a_message_that_grows_while_open_shows_every_line(qtbot):
    dialog = MessageDialog(None, "RCS Campaign Desk", "The settings file could not be used.", kind="warning")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: cut_labels(dialog) == [], timeout=5000)
    label = dialog.message_label
    for number in range(6):  # as Notices adds what it must tell while the message is open
        label.setText(f"{label.text()}\n\nNotice {number}: something else the user must read, said in a sentence.")
    qtbot.waitUntil(lambda: cut_labels(dialog) == [], timeout=5000)


def test_the_time_zone_is_named_as_people_say_it(qtbot):
    dialog = SettingsDialog(Settings(time_zone="Etc/UTC"))
    qtbot.addWidget(dialog)
    assert dialog.zone_combo.currentText() == "UTC"
    assert not any("Etc/" in label.text() for label in dialog.findChildren(QLabel))
