"""Qt's own texts and formats in the program's language.

Qt writes some texts itself (the standard buttons of message boxes, the file dialogs, the calendar's
day and month names) and formats dates and numbers with the default ``QLocale``. ``apply_qt_language``
makes both follow the language the program speaks: it installs Qt's shipped catalog
(``qtbase_uk.qm`` from Qt's translations folder) and sets the default ``QLocale``; the core's texts
follow ``app.language.use_language`` with the code it returns. Call it on the GUI thread once a
QApplication exists, before the first window is built (widgets take their texts when they are made).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.language import SYSTEM, choose_language

log = logging.getLogger(__name__)

QT_CATALOG = "qtbase"  # Qt's catalog for QtCore, QtGui and QtWidgets
# The locale each language's dates and numbers are written in. English uses the system's when the system
# speaks English (an American keeps his dates), else British English (day before month, weeks from Monday).
_LOCALES = {"uk": "uk_UA"}
_ENGLISH = "en_GB"

_installed: list[QTranslator] = []  # the catalog installed now (at most one), kept alive while installed


def qt_locale(language: str) -> QLocale:
    """The QLocale that writes ``language``'s dates and numbers."""
    if language in _LOCALES:
        return QLocale(_LOCALES[language])
    system = QLocale.system()
    return system if system.language() == QLocale.Language.English else QLocale(_ENGLISH)


def qt_translations_dir() -> str:
    """Qt's folder of translations (in the PySide6 wheel, or the packaged program's copy)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def apply_qt_language(setting: str = SYSTEM, *, system_languages: Sequence[str] | None = None) -> str:
    """Make Qt speak and format the language ``setting`` chooses ("system", "en", "uk": see
    ``app.language.choose_language``; the system's languages are Qt's, unless ``system_languages`` are given)
    and return its code, for ``app.language.use_language``. Switching back to English removes Qt's catalog.

    Without Qt's catalog for the language (a packaged program built without it) Qt's own texts stay English;
    the rest of the program still speaks the language.
    """
    languages = QLocale.system().uiLanguages() if system_languages is None else system_languages
    language = choose_language(setting, system_languages=languages)
    while _installed:
        QCoreApplication.removeTranslator(_installed.pop())
    QLocale.setDefault(qt_locale(language))
    if language in _LOCALES:
        translator = QTranslator()
        if translator.load(f"{QT_CATALOG}_{language}", qt_translations_dir()) and QCoreApplication.installTranslator(
            translator
        ):
            _installed.append(translator)
        else:
            log.warning("Qt's %s catalog for %s was not found in %s", QT_CATALOG, language, qt_translations_dir())
    return language
