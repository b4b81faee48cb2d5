"""The running program's language: the gettext catalog every text is looked up in.

English is the source language: its texts are the keys, so it needs no catalog. Another language's
compiled catalog (``locale/<code>/LC_MESSAGES/rcs_desk.mo``, committed beside its ``.po`` and shipped
in the wheel) is read once by ``use_language``; ``tr``, ``tr_n`` and ``tr_c`` then cost a global
lookup and a dictionary look-up. The catalogs are made with ``tools/i18n.py`` (Babel, a developer's
tool only: the program itself needs nothing but the standard library's ``gettext``).
"""

from __future__ import annotations

import gettext
from pathlib import Path

DOMAIN = "rcs_desk"
SOURCE = "en"
SUPPORTED = ("en", "uk")
# Each language's name in itself, as a list of languages shows it.
NAMES = {"en": "English", "uk": "Українська"}

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE


def locale_dir() -> Path:
    """The folder of the shipped catalogs (beside this module, in a checkout, a wheel and a frozen program)."""
    return Path(__file__).with_name("locale")


def catalog_path(code: str, folder: Path | None = None) -> Path:
    """Where language ``code``'s compiled catalog is, in ``folder`` (default: the shipped catalogs)."""
    return (folder or locale_dir()) / code / "LC_MESSAGES" / f"{DOMAIN}.mo"


def tr(text: str) -> str:
    """``text`` in the current language (itself when the catalog has no translation)."""
    return _translations.gettext(text)


def tr_mark(text: str) -> str:
    """``text`` itself, marked for the catalog: for texts kept in a table made at import (before a language
    is chosen) and translated with ``tr`` where they are shown."""
    return text


def tr_n(singular: str, plural: str, count: int) -> str:
    """The form for ``count`` (Ukrainian has three); the caller fills in the number with ``.format``."""
    return _translations.ngettext(singular, plural, count)


def tr_c(context: str, text: str) -> str:
    """``text`` as meant in ``context``: for short words that mean several things ("May", "Sat")."""
    return _translations.pgettext(context, text)


def current_language() -> str:
    """The code of the language texts are in now: ``"en"``, ``"uk"``."""
    return _language


def use_language(code: str, *, folder: Path | None = None) -> None:
    """Speak language ``code`` from now on. ``folder`` reads the catalog from another folder (the tests'
    pseudo-language, ``tools/i18n.py pseudo``); without it ``code`` must be one of ``SUPPORTED``.

    A shipped catalog that cannot be read leaves the program in English (and says so in the log)
    rather than stopping it; an unknown code is the caller's mistake (ValueError).
    """
    global _translations, _language
    if folder is None and code not in SUPPORTED:
        raise ValueError(f"unsupported language: {code!r}")
    if code == SOURCE and folder is None:
        _translations, _language = gettext.NullTranslations(), SOURCE
        return
    path = catalog_path(code, folder)
    try:
        with path.open("rb") as file:
            translations = gettext.GNUTranslations(file)
    except (OSError, ValueError) as error:  # missing, or not a catalog (bad magic, bad encoding)
        if folder is not None:
            raise
        import logging  # only on this rare path: the import costs more than this whole module

        logging.getLogger(__name__).warning("The %s catalog cannot be read (%s); staying in English", code, error)
        _translations, _language = gettext.NullTranslations(), SOURCE
        return
    _translations, _language = translations, code
