"""Settings: the API key (kept in the keyring), the account's time zone, my test phones, the language,
the server address."""

from __future__ import annotations

import dataclasses
import sys
import zoneinfo
from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import api
from app.api import WwtClient
from app.campaign.clock_words import zone_words
from app.campaign.text import format_price
from app.campaign.time_zones import is_valid_time_zone
from app.language import SYSTEM, tr
from app.platform.config import DEFAULT_API_URL, Settings, SettingsError, local_time_zone_name
from app.platform.credentials import (
    CredentialsError,
    check_key_format,
    keyring_available,
    load_api_key,
    save_api_key,
)
from ui.common.fit_text import keep_texts_whole
from ui.common.theme import set_role, set_tone
from ui.common.workers import Task, TaskContext
from ui.shell.language_setting import CHOICES, choice_name
from ui.shell.test_phones_box import TestPhonesBox


def _on_this_system(mac: str, windows: str, other: str) -> str:
    """The sentence that names this system's place for passwords (the keyring) in its own words: each is
    a sentence of its own, for the languages that decline the name."""
    if sys.platform == "darwin":
        return mac
    if sys.platform == "win32":
        return windows
    return other


def no_store_text() -> str:
    """The window's words for a computer without a usable keyring (the command line names its variable)."""
    return tr(
        "This computer has no password store the program can use, so the API key cannot be saved here. "
        "Ask whoever looks after this computer to set one up (on Linux: GNOME Keyring or KWallet), "
        "then open Settings again. Until then you can try the demo from the Recipients tab."
    )


def _store_locked_text() -> str:
    return _on_this_system(
        tr("The API key could not be read from the Keychain. Unlock it and try again."),
        tr("The API key could not be read from Windows Credential Manager. Unlock it and try again."),
        tr("The API key could not be read from the password store. Unlock it and try again."),
    )


def _store_refused_text() -> str:
    return _on_this_system(
        tr("The Keychain refused to save the API key. Unlock it and try again."),
        tr("Windows Credential Manager refused to save the API key. Unlock it and try again."),
        tr("The password store refused to save the API key. Unlock it and try again."),
    )


def key_kept_text() -> str:
    """Where the API key is kept, for the welcome: in this system's place for passwords, not in a file."""
    return _on_this_system(
        tr("It is kept in the Keychain, not in a file."),
        tr("It is kept in Windows Credential Manager, not in a file."),
        tr("It is kept in the password store, not in a file."),
    )


# The keyring is only ever used from these worker functions: on Linux it may wait on the
# system's secret service (an unlock prompt), which must not freeze the window.


def _stored_key_state(context: TaskContext) -> tuple[str, bool]:
    """(what to say about the stored key, whether it is a problem)."""
    try:
        stored = load_api_key()
    except CredentialsError:
        return _store_locked_text(), True
    if stored is not None and stored.source == "environment":
        # Set up for the program outside it (by whoever installed it): a key saved here is not used.
        return tr(
            "This computer gives the program an API key when it starts, and that key is used. "
            "A key saved here is used only once that is no longer set up."
        ), False
    if not keyring_available():
        return no_store_text(), True
    if stored is None:
        return tr("No API key is saved yet."), False
    return tr("An API key is saved on this computer. Type a new one to replace it."), False


def _test_connection(context: TaskContext, base_url: str, typed_key: str) -> tuple[bool, str]:
    """(True, balance) when the key works; (False, what is wrong with the key) before asking."""
    key = typed_key
    if not key:
        try:
            stored = load_api_key()
        except CredentialsError:
            return False, _store_locked_text()
        key = stored.value if stored else ""
    problem = check_key_format(key)
    if problem:
        return False, problem
    with WwtClient(base_url, key) as client:
        client.login()
        balance = client.get_balance()
    return True, format_price(balance.balance, balance.currency)


def _save_key(context: TaskContext, key: str) -> None:
    """Store the key; a ``CredentialsError`` says why not in the window's words."""
    if not keyring_available():
        raise CredentialsError(no_store_text())
    try:
        save_api_key(key)
    except CredentialsError:
        raise CredentialsError(_store_refused_text()) from None


class SettingsDialog(QDialog):
    """Edits ``settings`` and the stored key. Signal ``saved()`` after a successful save.

    ``save`` writes the settings to disk (``app.platform.config.save_settings``): when it raises
    ``SettingsError`` the dialog says why and stays open with everything typed, and ``settings``
    is left unchanged. Without it, only ``settings`` is changed (the caller saves it).
    """

    saved = Signal(bool)  # True when a new API key was stored
    language_changed = Signal(str)  # the language setting saved, when it changed: used from the next start

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        save: Callable[[Settings], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(tr("Settings"))
        self.settings = settings
        self._save = save
        self._key_stored = False  # a key was stored but the settings were not: still worth a reconnect
        self._task: Task | None = None
        self._said = 0  # how many times the status line changed
        self._saving = False

        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("apiKeyEdit")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText("live_…")
        self.key_edit.setAccessibleName(tr("API key"))
        self.key_edit.setToolTip(tr("From your WWT.world account: Integrations & API → SMPP/API Password"))
        show_key = QPushButton(tr("Show"))
        show_key.setCheckable(True)
        show_key.toggled.connect(self.on_show_key_toggled)
        self.test_button = QPushButton(tr("Test connection"))
        self.test_button.setObjectName("testConnectionButton")
        self.test_button.clicked.connect(self.on_test_clicked)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(show_key)
        key_row.addWidget(self.test_button)
        self.key_status = QLabel()
        self.key_status.setObjectName("keyStatus")
        self.key_status.setWordWrap(True)

        self.zone_combo = QComboBox()
        self.zone_combo.setObjectName("timeZoneCombo")
        self.zone_combo.setEditable(True)
        self.zone_combo.addItems(sorted(zoneinfo.available_timezones()))
        zone_completer = self.zone_combo.completer()
        assert zone_completer is not None  # an editable combo has one
        zone_completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        zone_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        zone = settings.account_time_zone
        self.zone_combo.setCurrentText("UTC" if zone_words(zone) == "UTC" else zone)  # not "Etc/UTC"
        self.zone_combo.setAccessibleName(tr("Account time zone"))
        zone_note = QLabel(
            tr(
                "Scheduled times are in this zone. Choose the zone of your WWT.world account (this computer: {zone})."
            ).format(zone=zone_words(local_time_zone_name(), datetime.now(UTC)))
        )
        zone_note.setWordWrap(True)
        set_role(zone_note, "muted")

        self.url_edit = QLineEdit(settings.api_url)
        self.url_edit.setObjectName("serverAddressEdit")
        self.url_edit.setPlaceholderText(DEFAULT_API_URL)
        self.url_edit.setAccessibleName(tr("Server address"))
        # the usual address shows whole (a few characters more for the frame and the cursor)
        self.url_edit.setMinimumWidth(self.url_edit.fontMetrics().horizontalAdvance(f"{DEFAULT_API_URL}MMM"))
        advanced = QGroupBox(tr("Advanced"))
        advanced_form = QFormLayout(advanced)
        advanced_form.addRow(tr("Server address:"), self.url_edit)

        account = QGroupBox(tr("Account"))
        form = QFormLayout(account)
        form.addRow(tr("API key:"), key_row)
        form.addRow("", self.key_status)
        form.addRow(tr("Time zone:"), self.zone_combo)
        form.addRow("", zone_note)

        self.test_phones = TestPhonesBox(settings.test_phones)
        language = self._language_box(settings.language)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.cancel_button = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.on_save_clicked)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(account)
        layout.addWidget(self.test_phones)
        last_row = QHBoxLayout()  # side by side: the dialog fits a low screen in the longer languages too
        last_row.addWidget(language)
        last_row.addWidget(advanced, 1)
        layout.addLayout(last_row)
        layout.addWidget(buttons)
        keep_texts_whole(self)
        self._show_stored_key_state()

    def _language_box(self, setting: str) -> QGroupBox:
        """The language choice: the system's (naming the language it gives), or one by its own name."""
        box = QGroupBox(tr("Language"))
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.setAccessibleName(tr("Language"))
        for choice in CHOICES:
            self.language_combo.addItem(choice_name(choice), choice)
        found = self.language_combo.findData(setting)
        self.language_combo.setCurrentIndex(max(found, 0))  # another version's language: the system's
        # said again when the language is changed, with the offer to restart now
        self.language_combo.setToolTip(tr("A new language is used from the next start of the program."))
        row = QHBoxLayout(box)
        row.addWidget(self.language_combo)
        return box

    def chosen_language(self) -> str:
        """The language setting chosen: "system", "en", "uk"."""
        return str(self.language_combo.currentData() or SYSTEM)

    def _show_stored_key_state(self) -> None:
        self._say(tr("Looking for a saved API key…"))
        asked_at = self._said
        task = Task(_stored_key_state, parent=self)
        # a late answer (behind an unlock prompt) must not cover what was said since
        task.succeeded.connect(lambda state: self._say(state[0], error=state[1]) if self._said == asked_at else None)
        task.start()

    def _say(self, text: str, *, error: bool = False) -> None:
        self._said += 1
        self.key_status.setText(text)
        set_tone(self.key_status, "error" if error else "")

    def on_show_key_toggled(self, shown: bool) -> None:
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)

    def on_test_clicked(self) -> None:
        typed = self.key_edit.text().strip()
        problem = check_key_format(typed) if typed else None
        if problem:
            self._say(problem, error=True)
            return
        self.test_button.setEnabled(False)
        self._say(tr("Connecting…"))
        url = (self.url_edit.text().strip() or DEFAULT_API_URL).rstrip("/")
        self._task = Task(_test_connection, url, typed, parent=self)
        self._task.succeeded.connect(self.on_test_succeeded)
        self._task.failed.connect(self.on_test_failed)
        self._task.finished.connect(lambda: self.test_button.setEnabled(True))
        self._task.start()

    def on_test_succeeded(self, outcome: tuple[bool, str]) -> None:
        connected, text = outcome
        if connected:
            self._say(tr("Connected. Balance: {amount}").format(amount=text))
        else:
            self._say(text, error=True)

    def on_test_failed(self, error: BaseException) -> None:
        message = error.user_message if isinstance(error, api.ApiError) else tr("The connection test failed.")
        self._say(message, error=True)

    def focus_test_phones(self) -> None:
        """Opened for "Send a test…" without test phones: the user is taken to the field to fill."""
        self.test_phones.focus_first_empty()

    def on_save_clicked(self) -> None:
        zone = self.zone_combo.currentText().strip()
        if not is_valid_time_zone(zone):
            self._say(tr("Choose a time zone from the list, for example Europe/Kyiv."), error=True)
            self.zone_combo.setFocus()
            return
        if self.test_phones.numbers() is None:  # its problems are shown at its fields
            return
        typed = self.key_edit.text().strip()
        if not typed:
            self._apply(zone, key_saved=False)
            return
        problem = check_key_format(typed)
        if problem:
            self._say(problem, error=True)
            self.key_edit.setFocus()
            return
        self._set_saving(True)
        self._say(tr("Saving the API key…"))
        task = Task(_save_key, typed, parent=self)
        task.succeeded.connect(lambda _none: self._apply(zone, key_saved=True))
        task.failed.connect(self.on_save_failed)
        task.finished.connect(lambda: self._set_saving(False))
        task.start()

    def _set_saving(self, saving: bool) -> None:
        """While the key is being stored the dialog cannot be cancelled: the key would be saved anyway."""
        self._saving = saving
        self.save_button.setEnabled(not saving)
        self.cancel_button.setEnabled(not saving)

    def reject(self) -> None:
        if self._saving:
            return
        if self._key_stored:  # the new key is in the keyring even though the other settings were not saved
            self._key_stored = False
            self.saved.emit(True)
        super().reject()

    def on_save_failed(self, error: BaseException) -> None:
        message = str(error) if isinstance(error, CredentialsError) else tr("The API key could not be saved.")
        self._say(message, error=True)

    def _apply(self, zone: str, *, key_saved: bool) -> None:
        url = self.url_edit.text().strip() or DEFAULT_API_URL
        phones = self.test_phones.numbers() or []
        language = self.chosen_language()
        if self._save is not None:
            changed = dataclasses.replace(
                self.settings, time_zone=zone, api_url=url, test_phones=phones, language=language
            )
            try:
                self._save(changed)
            except SettingsError as exc:
                self._key_stored = self._key_stored or key_saved
                said = str(exc)
                if key_saved:
                    said = tr("The API key was saved, but the other settings were not. {reason}").format(reason=said)
                self._say(said, error=True)
                return
        key_saved, self._key_stored = key_saved or self._key_stored, False
        language_changed = language != self.settings.language
        self.settings.time_zone = zone
        self.settings.api_url = url
        self.settings.test_phones = phones
        self.settings.language = language
        self.saved.emit(key_saved)
        self.accept()
        if language_changed:  # after the dialog has gone: the question about restarting comes next
            self.language_changed.emit(language)
