"""The catalog checks (tools/i18n_checks.py) and the catalog tool's compile and pseudo-language, on small catalogs."""

from __future__ import annotations

import importlib.util
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from hypothesis import given
from hypothesis import strategies as st

from app.language import current_language, tr, tr_c, tr_n, use_language

_SPEC = importlib.util.spec_from_file_location(
    "i18n_checks", Path(__file__).resolve().parents[3] / "tools" / "i18n_checks.py"
)
assert _SPEC is not None and _SPEC.loader is not None
checks = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(checks)


def _uk(*messages: tuple) -> Catalog:
    """A Ukrainian catalog of (id, string[, flags]) entries; a tuple id is a plural one."""
    catalog = Catalog(locale="uk", domain="rcs_desk")
    for message_id, string, *flags in messages:
        catalog.add(message_id, string, flags=flags)
    return catalog


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("{count:,} of {total} lists", ["{count:,}", "{total}"]),
        ("Card %1 of %2", ["%1", "%2"]),
        ("%n contacts", ["%n"]),
        ("%s went %(where)s at %.2f%%", ["%(where)s", "%.2f", "%s"]),
        ("{{not one}} and 50% sale", []),
        ("{0} and {}", ["{0}", "{}"]),
        ("Balance: %L1", ["%L1"]),
    ],
)
def test_placeholders(text, found):
    assert checks.placeholders(text) == sorted(found)


_PLAIN = st.text(st.characters(blacklist_characters="{}%0123456789", blacklist_categories=("Cs",)), max_size=8)
_HOLDERS = st.sampled_from(["{name}", "{count:,}", "{0}", "%s", "%d", "%(x)s", "%1", "%2", "%n", "%L1"])


@given(parts=st.lists(st.tuples(_PLAIN, _HOLDERS), max_size=5), tail=_PLAIN)
def test_placeholders_finds_exactly_those_in_a_text(parts, tail):
    text = "".join(plain + holder for plain, holder in parts) + tail
    assert checks.placeholders(text) == sorted(holder for _, holder in parts)


def test_untranslated_entries_of_a_small_catalog():
    catalog = _uk(
        ("Done", "Готово"),
        ("Open", ""),
        ("Stop", "Стоп", "fuzzy"),
        (("{n} list", "{n} lists"), ("{n} список", "{n} списки", "{n} списків")),
        (("{n} card", "{n} cards"), ("{n} картка", "", "{n} карток")),
    )
    assert checks.untranslated_entries(catalog) == ["'Open'", "'Stop'", "'{n} card'"]
    assert checks.catalog_summary(catalog) == (2, 5)


def test_a_complete_catalog_has_nothing_untranslated():
    assert checks.untranslated_entries(_uk(("Done", "Готово"))) == []


def test_placeholder_problems_of_a_small_catalog():
    catalog = _uk(
        ("{count} contacts", "{count} контактів"),
        ("Card %1 of %2", "Картка %1 з %1"),
        ("Hello {name}", "Привіт {імʼя}"),
        ("Not yet {name}", ""),  # untranslated: counted as such, not as a placeholder problem
        (("1 list", "{n} lists"), ("{n} список", "{n} списки", "списків")),
        ("50% off", "Знижка 50%"),
    )
    assert checks.placeholder_problems(catalog) == [
        "'Card %1 of %2': placeholders ['%1', '%1'] instead of ['%1', '%2']",
        "'Hello {name}': placeholders ['{імʼя}'] instead of ['{name}']",
        "'1 list' form 2: placeholders [] instead of ['{n}']",
    ]


def test_template_differences():
    committed = Catalog()
    committed.add("Kept")
    committed.add("Gone")
    committed.add("Noted", auto_comments=["old note"])
    fresh = Catalog()
    fresh.add("Kept")
    fresh.add("New", context="button")
    fresh.add("Noted", auto_comments=["new note"])
    assert checks.template_differences(committed, fresh) == [
        "new in the source: 'New'",
        "no longer in the source: 'Gone'",
        "its note for translators changed: 'Noted'",
    ]
    assert checks.template_differences(fresh, fresh) == []


def test_outdated_entries():
    template = Catalog()
    template.add("Kept")
    template.add("New")
    catalog = _uk(("Kept", "Є"), ("Gone", "Нема"))
    assert checks.outdated_entries(template, catalog) == ["not in it yet: 'New'", "no longer in the template: 'Gone'"]


def test_an_unchanged_catalog_is_not_rewritten(i18n, tmp_path):
    """Only the dates differ: the file stays as it is, so the catalogs change in a diff only where a text did."""
    path = tmp_path / "rcs_desk.pot"
    first = i18n.po_text(Catalog(domain="rcs_desk", creation_date=datetime(2026, 1, 1, tzinfo=UTC)))
    assert i18n.write_if_changed(path, first)
    later = Catalog(domain="rcs_desk", creation_date=datetime(2026, 5, 1, tzinfo=UTC))
    assert not i18n.write_if_changed(path, i18n.po_text(later))
    assert path.read_text(encoding="utf-8") == first
    later.add("New")
    assert i18n.write_if_changed(path, i18n.po_text(later))
    assert 'msgid "New"' in path.read_text(encoding="utf-8")


def test_compiled_differences(i18n):
    po = _uk(("Done", "Готово"), ("Open", "Відкрити"))
    same = read_mo(io.BytesIO(i18n.compiled(po)))
    assert checks.compiled_differences(same, read_mo(io.BytesIO(i18n.compiled(po)))) == []
    older = read_mo(io.BytesIO(i18n.compiled(_uk(("Done", "Готово"), ("Open", "Відкрий")))))
    assert checks.compiled_differences(older, same) == ["missing or different: 'Open'", "not in the .po: 'Open'"]


def test_compile_ships_only_checked_translations(i18n, tmp_path):
    """Untranslated, fuzzy and half-translated plural entries stay English rather than blank or guessed."""
    catalog = _uk(
        ("Done", "Готово"),
        ("Open", ""),
        ("Stop", "Стоп", "fuzzy"),
        (("{n} card", "{n} cards"), ("{n} картка", "", "{n} карток")),
    )
    path = tmp_path / "uk" / "LC_MESSAGES" / "rcs_desk.mo"
    path.parent.mkdir(parents=True)
    path.write_bytes(i18n.compiled(catalog))
    assert i18n.compiled(catalog) == path.read_bytes()  # the same catalog, the same bytes
    use_language("uk", folder=tmp_path)
    assert [tr("Done"), tr("Open"), tr("Stop")] == ["Готово", "Open", "Stop"]
    assert [tr_n("{n} card", "{n} cards", n) for n in (1, 2, 5)] == ["{n} card", "{n} cards", "{n} cards"]


def test_the_pseudo_language_marks_every_text(i18n, tmp_path):
    template = Catalog()
    template.add("Open")
    template.add("{count} of {total}")
    template.add("Sat", context="weekday, short")
    template.add(("{n} list", "{n} lists"))
    pseudo = i18n.pseudo_catalog(template)
    path = tmp_path / "pseudo" / "LC_MESSAGES" / "rcs_desk.mo"
    path.parent.mkdir(parents=True)
    path.write_bytes(i18n.compiled(pseudo))
    use_language("pseudo", folder=tmp_path)
    assert current_language() == "pseudo"
    assert tr("Open") == "⟦Open⟧"
    assert tr("{count} of {total}").format(count=1, total=2) == "⟦1 of 2⟧"
    assert tr_c("weekday, short", "Sat") == "⟦Sat⟧"
    assert [tr_n("{n} list", "{n} lists", n).format(n=n) for n in (1, 2)] == ["⟦1 list⟧", "⟦2 lists⟧"]
    assert tr("Not in the catalog") == "Not in the catalog"


def test_the_pseudo_command_writes_the_whole_template(i18n, tmp_path):
    path = i18n.run_pseudo(tmp_path)
    assert path == tmp_path / "pseudo" / "LC_MESSAGES" / "rcs_desk.mo"
    with path.open("rb") as file:
        pseudo = read_mo(file)
    template = i18n.read_catalog(i18n.TEMPLATE)
    keys = {(message.context, checks.message_ids(message)) for message in checks.entries(template)}
    assert {(message.context, checks.message_ids(message)) for message in checks.entries(pseudo)} == keys
    for message in checks.entries(pseudo):
        assert checks.message_forms(message) == tuple(f"⟦{text}⟧" for text in checks.message_ids(message))
