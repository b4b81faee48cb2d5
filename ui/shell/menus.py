"""The main window's menu bar: File, Campaign, Settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from app.language import tr
from ui.shell.file_actions import FileActions


@dataclass(frozen=True)
class MenuActions:
    """The actions the window enables and disables as it goes."""

    send: QAction
    send_test: QAction
    reload_lists: QAction


def build_menus(
    window: QMainWindow,
    files: FileActions,
    *,
    send: Callable[[], None],
    send_test: Callable[[], None],
    open_settings: Callable[[], object],
) -> MenuActions:
    file_menu = window.menuBar().addMenu(tr("&File"))
    for text, shortcut, slot in (
        (tr("&New campaign"), QKeySequence.StandardKey.New, files.new),
        (tr("&Open…"), QKeySequence.StandardKey.Open, files.open),
        (tr("&Save"), QKeySequence.StandardKey.Save, files.save),
        (tr("Save &as…"), QKeySequence.StandardKey.SaveAs, files.save_as),
    ):
        action = QAction(text, window)
        action.setShortcut(shortcut)
        action.triggered.connect(slot)
        file_menu.addAction(action)
    file_menu.addSeparator()
    quit_action = QAction(tr("&Quit"), window)
    quit_action.setShortcuts(QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")])
    quit_action.triggered.connect(window.close)
    file_menu.addAction(quit_action)

    campaign_menu = window.menuBar().addMenu(tr("&Campaign"))
    send_action = QAction(tr("&Send…"), window)
    send_action.setShortcut(QKeySequence("Ctrl+Return"))
    send_action.triggered.connect(send)
    campaign_menu.addAction(send_action)
    send_test_action = QAction(tr("Send a &test…"), window)
    send_test_action.setShortcut(QKeySequence("Ctrl+Shift+T"))
    send_test_action.triggered.connect(send_test)
    campaign_menu.addAction(send_test_action)
    reload_lists_action = QAction(tr("&Reload contact lists"), window)
    reload_lists_action.setShortcut(QKeySequence.StandardKey.Refresh)
    campaign_menu.addAction(reload_lists_action)

    settings_menu = window.menuBar().addMenu(tr("&Settings"))
    settings_action = QAction(tr("&Settings…"), window)
    settings_action.setShortcut(QKeySequence.StandardKey.Preferences)
    settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    settings_action.triggered.connect(open_settings)
    settings_menu.addAction(settings_action)
    return MenuActions(send=send_action, send_test=send_test_action, reload_lists=reload_lists_action)
