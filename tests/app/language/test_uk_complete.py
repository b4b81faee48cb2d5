"""The Ukrainian catalog is complete: every text translated, none left fuzzy (issue 13, phase 3).

Goes in tests/app/language/ once the translation is done (it uses that folder's ``i18n`` fixture).
Placeholders are checked by test_catalogs.py; this adds that nothing is left to translate.
"""

from __future__ import annotations


def test_every_ukrainian_text_is_translated(i18n):
    import i18n_checks

    catalog = i18n.read_catalog(i18n.po_path("uk"), "uk")
    missing = i18n_checks.untranslated_entries(catalog)
    translated, total = i18n_checks.catalog_summary(catalog)
    assert not missing, (
        f"{len(missing)} of {total} Ukrainian texts are not translated or are marked fuzzy "
        f"({translated} done): translate them in {i18n.po_path('uk').relative_to(i18n.ROOT)}, then run "
        "`python tools/i18n.py compile` (README, Translations):\n" + "\n".join(missing)
    )
