"""The window's language: chosen at the start, before the first window is built (widgets take their texts
when they are made), from the Settings' choice or the system's languages as Qt reports them.

A change in Settings is used from the next start (``ui.shell.language_restart`` offers to restart now).
"""

from __future__ import annotations

from PySide6.QtCore import QLocale

from app.language import NAMES, SUPPORTED, SYSTEM, choose_language, current_language, tr, use_language
from app.platform.config import AppPaths, Settings, load_settings
from ui.common.qt_language import apply_qt_language

CHOICES = (SYSTEM, *SUPPORTED)  # the Settings' list: the system's, then each language in its own name


def system_languages() -> list[str]:
    """The system's languages, most wanted first (``["uk-UA", "en-US"]``): Qt reads them from the system."""
    return QLocale.system().uiLanguages()


def language_for(setting: str) -> str:
    """The language ``setting`` ("system", "en", "uk") chooses on this computer."""
    return choose_language(setting, system_languages=system_languages())


def choice_name(choice: str) -> str:
    """How the Settings' list names ``choice``: ``System (English)``, ``English``, ``Українська``."""
    if choice in NAMES:
        return NAMES[choice]  # in its own language, whatever the program speaks
    # Translators: the language setting that follows the computer's; {language} is the one it gives now, in
    # its own name ("English", "Українська").
    return tr("System ({language})").format(language=NAMES[language_for(SYSTEM)])


def apply_language(setting: str) -> str:
    """Speak the language ``setting`` chooses from now on, Qt's own texts and formats too; its code."""
    code = apply_qt_language(setting, system_languages=system_languages())
    if code != current_language():
        use_language(code)
    return code


def start_in_language(paths: AppPaths | None = None) -> Settings:
    """The settings, read in the system's language, and the program switched to the language they choose.

    Read in the system's language because a settings file that cannot be used is said in the language
    current while it is read, and it leaves the setting at "system": what is said is then in the
    language the window speaks. Needs the QApplication (Qt's catalog is installed in it).
    """
    use_language(language_for(SYSTEM))
    settings = load_settings(paths)
    apply_language(settings.language)
    return settings
