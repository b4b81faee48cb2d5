"""choose_language: Settings first, then the system's languages (the window) or the environment (the command line)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.language import SUPPORTED, choose_language
from app.language.choice import ENVIRONMENT, language_of


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "uk_UA.UTF-8"}, "uk"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANG": "POSIX"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LC_MESSAGES": "uk_UA", "LANG": "en_US.UTF-8"}, "uk"),
        ({"LC_ALL": "en_GB.UTF-8", "LC_MESSAGES": "uk_UA"}, "en"),
        ({"LANGUAGE": "", "LC_ALL": "", "LANG": "uk_UA.UTF-8"}, "uk"),  # empty variables are skipped
        ({"LANGUAGE": "de:uk:en", "LANG": "en_US.UTF-8"}, "uk"),  # the first supported of the list
        ({"LANGUAGE": "de:fr", "LANG": "uk_UA.UTF-8"}, "en"),  # LANGUAGE decides, as with gettext
        ({"LANGUAGE": "C:uk"}, "en"),  # C ends the list: the source language
        ({"LANG": "uk_UA@hryvnia"}, "uk"),
        ({"LANG": "ukr"}, "en"),  # not the code "uk"
    ],
)
def test_the_environment_as_gettext_reads_it(environ, expected):
    assert choose_language("system", environ=environ) == expected


@pytest.mark.parametrize(
    ("languages", "expected"),
    [
        (["uk-UA", "en-US"], "uk"),
        (["en-US", "uk-UA"], "en"),
        (["de-DE", "uk-UA"], "uk"),
        (["de-DE", "fr-FR"], "en"),
        (["uk"], "uk"),
        (["C"], "en"),
    ],
)
def test_the_systems_languages_win_over_the_environment(languages, expected):
    assert choose_language("system", environ={"LANG": "uk_UA.UTF-8"}, system_languages=languages) == expected


def test_the_process_environment_by_default(monkeypatch):
    for variable in ENVIRONMENT:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "uk_UA.UTF-8")
    assert choose_language() == "uk"
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert choose_language() == "en"


def test_a_setting_from_a_newer_version_follows_the_system():
    assert choose_language("de", environ={"LANG": "uk_UA.UTF-8"}) == "uk"


# --- properties ----------------------------------------------------------------------------------

_variables = st.sampled_from(ENVIRONMENT)
_texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
_environments = st.dictionaries(_variables, _texts, max_size=4)
_territories = st.sampled_from(["", "_UA", "-UA", "_ua", "_US", "-Latn"])
_encodings = st.sampled_from(["", ".UTF-8", ".utf8", ".KOI8-U", ".CP1251"])
_modifiers = st.sampled_from(["", "@euro", "@latin"])


@st.composite
def _locale_names(draw, language):
    """A locale name or language tag for ``language``, written in one of the ways systems write them."""
    code = draw(st.sampled_from([language, language.upper()]))
    return code + draw(_territories) + draw(_encodings) + draw(_modifiers)


@given(setting=st.sampled_from(SUPPORTED), environ=_environments, system=st.lists(_texts, max_size=3))
def test_a_chosen_language_wins(setting, environ, system):
    assert choose_language(setting, environ=environ, system_languages=system) == setting


@given(setting=_texts, environ=_environments, system=st.lists(_texts, max_size=3))
def test_any_input_gives_a_supported_language(setting, environ, system):
    assert choose_language(setting, environ=environ, system_languages=system) in SUPPORTED


@given(data=st.data(), language=st.sampled_from(SUPPORTED), variable=_variables, rest=_environments)
def test_the_first_non_empty_variable_decides(data, language, variable, rest):
    """Variables before it are empty; what comes after it does not matter."""
    position = ENVIRONMENT.index(variable)
    environ = {name: value for name, value in rest.items() if ENVIRONMENT.index(name) > position}
    environ |= dict.fromkeys(ENVIRONMENT[:position], "")
    environ[variable] = data.draw(_locale_names(language))
    assert choose_language("system", environ=environ) == language


@given(
    data=st.data(),
    language=st.sampled_from(SUPPORTED),
    unsupported=st.lists(st.sampled_from(["de", "fr_FR", "pl-PL", "ukr", ""]), max_size=3),
)
def test_the_first_supported_language_of_a_list(data, language, unsupported):
    wanted = data.draw(_locale_names(language))
    assert choose_language("system", environ={"LANGUAGE": ":".join([*unsupported, wanted, "en"])}) == language
    assert choose_language("system", environ={}, system_languages=[*unsupported, wanted, "en-US"]) == language


@given(name=_texts)
def test_language_of_never_fails(name):
    assert language_of(name) in (*SUPPORTED, None)
