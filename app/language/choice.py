"""Which language to speak: the one chosen in Settings, else the system's.

The window asks Qt for the system's languages (``QLocale.system().uiLanguages()``: ``"uk-UA"``,
``"en-US"``, ...); the command line reads the environment as gettext does: the first non-empty of
``LANGUAGE`` (a colon-separated list), ``LC_ALL``, ``LC_MESSAGES`` and ``LANG``. Either way the first
supported language of the list wins; ``C``/``POSIX`` mean the source language, English; a list with
no supported language is English too.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence

from app.language.catalogs import SOURCE, SUPPORTED

SYSTEM = "system"  # the setting that follows the system (the default)
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_NEUTRAL = frozenset({"c", "posix"})


def language_of(tag: str) -> str | None:
    """The supported language a locale name or language tag names, or None: ``"uk_UA.UTF-8"``,
    ``"uk-UA"``, ``"uk"`` and ``"uk_UA@euro"`` are ``"uk"``; ``"C"``, ``"POSIX"`` and ``"C.UTF-8"`` are
    English; ``"de_DE"`` and ``"ukr"`` are None."""
    name = tag.strip().partition("@")[0].partition(".")[0]
    language = name.replace("-", "_").partition("_")[0].lower()
    if language in _NEUTRAL:
        return SOURCE
    return language if language in SUPPORTED else None


def _first_supported(tags: Iterable[str]) -> str:
    for tag in tags:
        found = language_of(tag)
        if found is not None:
            return found
    return SOURCE


def environment_languages(environ: Mapping[str, str]) -> list[str]:
    """The language list of the first non-empty variable of ``ENVIRONMENT``, as gettext reads it."""
    for variable in ENVIRONMENT:
        value = environ.get(variable, "")
        if value:
            return value.split(":")
    return []


def choose_language(
    setting: str = SYSTEM,
    *,
    environ: Mapping[str, str] | None = None,
    system_languages: Sequence[str] = (),
) -> str:
    """The language to speak: ``setting`` when it is a supported language; otherwise (``"system"``, or a
    setting this version does not know) the first supported one of ``system_languages`` when given,
    else of the environment (``environ``, by default the process's)."""
    if setting in SUPPORTED:
        return setting
    if system_languages:
        return _first_supported(system_languages)
    return _first_supported(environment_languages(os.environ if environ is None else environ))
