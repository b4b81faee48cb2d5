"""The committed catalogs (app/language/locale/) agree with the source and with each other.

When one of these fails, tools/i18n.py says what to run (README, "Translations"): a text added to the
source needs ``extract`` and ``update``; a changed ``.po`` needs ``compile``.
"""

from __future__ import annotations

from babel.messages.plurals import get_plural


def test_the_template_holds_the_sources_texts(i18n):
    import i18n_checks

    differences = i18n_checks.template_differences(i18n.read_catalog(i18n.TEMPLATE), i18n.extract())
    assert not differences, (
        "app/language/locale/rcs_desk.pot is not what the source says: run `python tools/i18n.py extract`, "
        "then `python tools/i18n.py update` (README, Translations):\n" + "\n".join(differences)
    )


def test_the_catalogs_carry_no_line_numbers(i18n):
    """Line numbers would change the catalogs with every edit of the source."""
    for path in [i18n.TEMPLATE, *(i18n.po_path(code) for code in i18n.languages())]:
        assert "\n#:" not in path.read_text(encoding="utf-8"), path


def test_each_language_has_the_templates_texts(i18n):
    import i18n_checks

    template = i18n.read_catalog(i18n.TEMPLATE)
    assert i18n.languages() == ["uk"]
    for code in i18n.languages():
        outdated = i18n_checks.outdated_entries(template, i18n.read_catalog(i18n.po_path(code), code))
        assert not outdated, f"{code}: run `python tools/i18n.py update`\n" + "\n".join(outdated)


def test_translations_keep_the_placeholders(i18n):
    import i18n_checks

    for code in i18n.languages():
        problems = i18n_checks.placeholder_problems(i18n.read_catalog(i18n.po_path(code), code))
        assert not problems, f"{code}: " + "\n".join(problems)


def test_the_compiled_catalogs_are_the_compile_of_the_po_files(i18n):
    import i18n_checks

    for code in i18n.languages():
        path = i18n.catalog_path(code)
        assert path.is_file(), f"{path} is missing: run `python tools/i18n.py compile`"
        fresh = i18n.read_compiled(i18n.compiled(i18n.read_catalog(i18n.po_path(code), code)))
        differences = i18n_checks.compiled_differences(i18n.read_compiled(path.read_bytes()), fresh)
        assert not differences, f"{path} is older than its .po: run `python tools/i18n.py compile`\n" + "\n".join(
            differences
        )


def test_ukrainian_has_babels_three_plural_forms(i18n):
    catalog = i18n.read_catalog(i18n.po_path("uk"), "uk")
    assert str(catalog.locale) == "uk"
    assert catalog.num_plurals == 3
    assert catalog.plural_forms == get_plural("uk").plural_forms
