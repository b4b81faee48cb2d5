"""app.language at run time: the catalog functions, switching language, and a cheap import."""

from __future__ import annotations

import gettext
import subprocess
import sys

import pytest

from app.language import NAMES, SUPPORTED, current_language, tr, tr_c, tr_n, use_language
from app.language.catalogs import catalog_path


def test_english_is_the_source_language():
    assert current_language() == "en"
    assert tr("Campaigns") == "Campaigns"
    assert tr_c("weekday, short", "Sat") == "Sat"
    assert [tr_n("{n} list", "{n} lists", n) for n in (1, 2)] == ["{n} list", "{n} lists"]


def test_ukrainian_translates_a_known_entry():
    use_language("uk")
    assert current_language() == "uk"
    assert tr("Campaigns") == "Кампанії"
    assert tr_c("weekday, short", "Sat") == "сб"
    assert tr_c("month in a date", "May") == "травня"
    assert tr_c("month in a date, short", "May") == "трав."  # the same word in another context


def test_a_text_without_translation_stays_english():
    use_language("uk")
    assert tr("A text nobody wrote") == "A text nobody wrote"
    assert tr_n("{n} thing", "{n} things", 1) == "{n} thing"
    assert tr_n("{n} thing", "{n} things", 5) == "{n} things"


def test_switching_back_to_english():
    use_language("uk")
    use_language("en")
    assert current_language() == "en"
    assert tr("Campaigns") == "Campaigns"


def test_each_supported_language_has_its_own_name():
    assert SUPPORTED == ("en", "uk")
    assert NAMES == {"en": "English", "uk": "Українська"}


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="de"):
        use_language("de")
    assert current_language() == "en"


UK_FORM = {1: 0, 2: 1, 5: 2, 11: 2, 21: 0, 22: 1, 25: 2, 0: 2, 12: 2, 14: 2, 101: 0, 111: 2, 1004: 1}


def test_the_shipped_ukrainian_catalog_has_three_plural_forms():
    with catalog_path("uk").open("rb") as file:
        shipped = gettext.GNUTranslations(file)
    assert shipped.info()["plural-forms"].startswith("nplurals=3;")
    assert {n: shipped.plural(n) for n in UK_FORM} == UK_FORM


def test_tr_n_picks_the_three_ukrainian_forms(i18n, tmp_path):
    """A catalog made as the tools make the shipped one, with one plural entry: each count gets its form."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale="uk", domain="rcs_desk")
    catalog.add(("{n} list", "{n} lists"), ("{n} список", "{n} списки", "{n} списків"))
    path = catalog_path("uk", tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(i18n.compiled(catalog))
    use_language("uk", folder=tmp_path)
    words = {1: "список", 2: "списки", 5: "списків"}
    got = {n: tr_n("{n} list", "{n} lists", n).format(n=n) for n in UK_FORM}
    assert got == {n: f"{n} {words[[1, 2, 5][form]]}" for n, form in UK_FORM.items()}


def test_a_catalog_from_another_folder(tmp_path):
    with pytest.raises(FileNotFoundError):
        use_language("pseudo", folder=tmp_path)
    assert current_language() == "en"


def test_a_shipped_catalog_that_cannot_be_read_leaves_english(monkeypatch, tmp_path, caplog):
    broken = tmp_path / "uk" / "LC_MESSAGES" / "rcs_desk.mo"
    broken.parent.mkdir(parents=True)
    broken.write_bytes(b"not a catalog")
    monkeypatch.setattr("app.language.catalogs.locale_dir", lambda: tmp_path)
    use_language("uk")
    assert current_language() == "en"
    assert tr("Campaigns") == "Campaigns"
    assert "uk catalog cannot be read" in caplog.text


def test_importing_it_is_cheap():
    """No Babel (a developer's tool, not shipped) and nothing heavy: the window imports this before it paints."""
    code = (
        "import sys, time\n"
        "before = set(sys.modules)\n"
        "start = time.perf_counter()\n"
        "import app.language\n"
        "took = time.perf_counter() - start\n"
        "print(sorted(set(sys.modules) - before), took)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    loaded = done.stdout.split("]")[0]
    assert "babel" not in loaded
    assert "'logging'" not in loaded
    assert "PySide6" not in loaded
