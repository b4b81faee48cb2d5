"""The translation catalogs: extract the texts, update and compile each language, make a pseudo-language,
check them all. A developer's and translator's command (it needs Babel: ``pip install -e ".[test]"``):

    python tools/i18n.py extract        # the source's texts -> app/language/locale/rcs_desk.pot
    python tools/i18n.py init de        # a new language: locale/de/LC_MESSAGES/rcs_desk.po from the template
    python tools/i18n.py update         # the template's new texts into every .po (empty, to translate)
    python tools/i18n.py take uk FILE   # translations from FILE (a .po, e.g. one translator's share) into uk
    python tools/i18n.py compile        # every .po -> its .mo (committed; the program reads only these)
    python tools/i18n.py pseudo DIR     # DIR/pseudo/LC_MESSAGES/rcs_desk.mo: every text as ⟦text⟧
    python tools/i18n.py check          # what the tests check; exit status 1 and a list when not all is well

The program itself reads the compiled catalogs with the standard library's gettext (app/language).
Written files carry no source line numbers and are sorted by text, and a file whose texts did not
change is not rewritten, so the catalogs change in a diff only where a text did.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_keywords
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere: the program's own package, for its names

import i18n_checks as checks  # noqa: E402 (beside this file: the script's folder is on sys.path)

import app  # noqa: E402
from app.language.catalogs import DOMAIN, NAMES, SOURCE, catalog_path, locale_dir  # noqa: E402

SOURCES = ("app", "ui", "rcs_desk")
# The functions whose string arguments are catalog texts. ``_tr`` and Qt's ``self.tr`` (found as ``tr``) are
# the window's older helpers, until every text goes through app.language.
KEYWORDS = ("tr", "tr_n:1,2", "tr_c:1c,2", "tr_mark", "_tr")
COMMENT_TAGS = ("Translators:",)  # a comment so starting, just above a text, is shown to the translators
TEMPLATE = locale_dir() / f"{DOMAIN}.pot"
PSEUDO = "pseudo"
# Header lines that change on every run: ignored when deciding whether a file changed.
_VOLATILE = ('"POT-Creation-Date:', '"PO-Revision-Date:', '"Generated-By:')


def po_path(code: str) -> Path:
    return catalog_path(code).with_suffix(".po")


def languages() -> list[str]:
    """The languages that have a catalog (not English, the source)."""
    return sorted(path.parent.parent.name for path in locale_dir().glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def extract(root: Path = ROOT) -> Catalog:
    """A fresh template: every text of the source's catalog functions, with notes for translators."""
    catalog = Catalog(
        domain=DOMAIN,
        project=app.APP_NAME,
        version=app.__version__,
        header_comment=f"# The texts of {app.APP_NAME} to translate (tools/i18n.py extract writes this file).",
        charset="utf-8",
    )
    keywords = parse_keywords(list(KEYWORDS))
    for folder in SOURCES:
        found = extract_from_dir(
            str(root / folder),
            method_map=[("**.py", "python")],
            keywords=keywords,
            comment_tags=COMMENT_TAGS,
            strip_comment_tags=True,
        )
        for _filename, _line, message, comments, context in found:
            catalog.add(message, auto_comments=comments, context=context)
    return catalog


def po_text(catalog: Catalog) -> str:
    output = io.BytesIO()
    write_po(output, catalog, no_location=True, sort_output=True, ignore_obsolete=True, include_previous=False)
    return output.getvalue().decode("utf-8")


def _steady(text: str) -> list[str]:
    return [line for line in text.splitlines() if not line.startswith(_VOLATILE)]


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` unless the file says the same but for its dates; True when written."""
    if path.is_file() and _steady(path.read_text(encoding="utf-8")) == _steady(text):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")
    return True


def read_catalog(path: Path, code: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=code, domain=DOMAIN)


def compiled(catalog: Catalog) -> bytes:
    """The ``.mo`` of ``catalog``: only complete, checked translations (an entry without one, a fuzzy one,
    or a plural one lacking a form, is left out, so the program shows the English rather than a blank
    or a guess). The same catalog always gives the same bytes."""
    shipped = Catalog(locale=catalog.locale, domain=DOMAIN, charset="utf-8")
    shipped.mime_headers = catalog.mime_headers
    for message in checks.entries(catalog):
        if checks.is_translated(message) and not message.fuzzy:
            shipped.add(message.id, message.string, context=message.context)
    output = io.BytesIO()
    write_mo(output, shipped)
    return output.getvalue()


def read_compiled(data: bytes) -> Catalog:
    return read_mo(io.BytesIO(data))


def pseudo_catalog(template: Catalog) -> Catalog:
    """Every text marked: ``⟦text⟧`` (each plural form too), placeholders untouched; English plural rule."""
    catalog = Catalog(domain=DOMAIN, charset="utf-8", project=app.APP_NAME, version=app.__version__)
    for message in checks.entries(template):
        if isinstance(message.id, (list, tuple)):
            string: str | tuple[str, ...] = tuple(f"⟦{text}⟧" for text in message.id)
        else:
            string = f"⟦{message.id}⟧"
        catalog.add(message.id, string, context=message.context)
    return catalog


# --- the subcommands -----------------------------------------------------------------------------


def run_extract() -> list[str]:
    fresh = extract()
    written = write_if_changed(TEMPLATE, po_text(fresh))
    return [f"{TEMPLATE.relative_to(ROOT)}: {len(checks.entries(fresh))} texts" + ("" if written else ", unchanged")]


def run_init(code: str) -> list[str]:
    path = po_path(code)
    if path.exists():
        raise SystemExit(f"{path.relative_to(ROOT)} exists already: use `update`")
    catalog = read_catalog(TEMPLATE, code)
    catalog.revision_date = datetime.now(UTC)
    catalog.fuzzy = False
    catalog.language_team = NAMES.get(code, code)
    catalog.header_comment = f"# {app.APP_NAME} in {catalog.locale.english_name if catalog.locale else code}."
    write_if_changed(path, po_text(catalog))
    return [f"{path.relative_to(ROOT)}: made, {len(checks.entries(catalog))} texts to translate"]


def run_update() -> list[str]:
    template = read_catalog(TEMPLATE)
    done = []
    for code in languages():
        catalog = read_catalog(po_path(code), code)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        written = write_if_changed(po_path(code), po_text(catalog))
        translated, total = checks.catalog_summary(catalog)
        done.append(f"{code}: {translated} of {total} translated" + ("" if written else ", unchanged"))
    return done


def run_take(code: str, sources: Sequence[Path]) -> list[str]:
    """Fill ``code``'s catalog with the translations found in ``sources`` (other .po files of the same
    language, e.g. shares of the work done by several translators). Only texts the catalog has are taken;
    a text already translated there is replaced, so the last file named wins."""
    path = po_path(code)
    catalog = read_catalog(path, code)
    taken = 0
    unknown = 0
    for source in sources:
        for message in checks.entries(read_catalog(source, code)):
            current = catalog.get(message.id, context=message.context)
            if current is None:
                unknown += 1
            elif checks.is_translated(message) and not message.fuzzy:
                current.string = message.string
                current.flags.discard("fuzzy")
                taken += 1
    write_if_changed(path, po_text(catalog))
    translated, total = checks.catalog_summary(catalog)
    note = f", {unknown} not in the catalog (run `extract` and `update` first?)" if unknown else ""
    return [f"{code}: took {taken} translations{note}; {translated} of {total} translated"]


def run_compile() -> list[str]:
    done = []
    for code in languages():
        data = compiled(read_catalog(po_path(code), code))
        target = catalog_path(code)
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
        done.append(f"{target.relative_to(ROOT)}: {len(checks.entries(read_compiled(data)))} translations")
    return done


def run_pseudo(folder: Path) -> Path:
    target = catalog_path(PSEUDO, folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(compiled(pseudo_catalog(read_catalog(TEMPLATE))))
    return target


def problems(*, allow_untranslated: bool = False) -> list[str]:
    """Everything the tests check, as lines under a heading."""
    template = read_catalog(TEMPLATE)
    found = [("template", checks.template_differences(template, extract()))]
    if found[0][1]:
        found[0][1].append("run `python tools/i18n.py extract`, then `update`")
    for code in languages():
        catalog = read_catalog(po_path(code), code)
        outdated = checks.outdated_entries(template, catalog)
        found.append((f"{code} texts", [*outdated, "run `python tools/i18n.py update`"] if outdated else []))
        found.append((f"{code} placeholders", checks.placeholder_problems(catalog)))
        if not allow_untranslated:
            found.append((f"{code} not translated", checks.untranslated_entries(catalog)))
        target = catalog_path(code)
        stale = (
            checks.compiled_differences(read_compiled(target.read_bytes()), read_compiled(compiled(catalog)))
            if target.is_file()
            else ["missing"]
        )
        if stale:
            stale.append("run `python tools/i18n.py compile`")
        found.append((f"{code} compiled catalog", stale))
    return checks.flatten(found)


def translated_summary() -> str:
    """``uk: 42 of 1020 translated``, for every language."""
    counts = {code: checks.catalog_summary(read_catalog(po_path(code), code)) for code in languages()}
    return ", ".join(f"{code}: {done} of {total} translated" for code, (done, total) in counts.items())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="tools/i18n.py", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("extract", help="write the template (.pot) from the source's texts")
    init = commands.add_parser("init", help="start a new language's catalog (.po) from the template")
    init.add_argument("code", help="the language's code, e.g. de")
    commands.add_parser("update", help="bring every language's .po up to date with the template")
    take = commands.add_parser("take", help="take the translations of other .po files into a language's catalog")
    take.add_argument("code", help="the language's code, e.g. uk")
    take.add_argument("files", type=Path, nargs="+", help=".po files of that language")
    commands.add_parser("compile", help="compile every .po into its .mo")
    pseudo = commands.add_parser("pseudo", help="write a pseudo-language catalog that marks every text")
    pseudo.add_argument("folder", type=Path)
    check = commands.add_parser("check", help="check the catalogs as the tests do")
    check.add_argument(
        "--allow-untranslated", action="store_true", help="do not count texts still to translate as problems"
    )
    args = parser.parse_args(argv)
    if args.command == "extract":
        lines = run_extract()
    elif args.command == "init":
        if args.code == SOURCE:
            parser.error(f"{SOURCE} is the source language: it has no catalog")
        lines = run_init(args.code)
    elif args.command == "update":
        lines = run_update()
    elif args.command == "take":
        lines = run_take(args.code, args.files)
    elif args.command == "compile":
        lines = run_compile()
    elif args.command == "pseudo":
        lines = [str(run_pseudo(args.folder))]
    else:
        lines = problems(allow_untranslated=args.allow_untranslated)
        print("\n".join(lines) if lines else f"The catalogs are up to date ({translated_summary()}).")
        return 1 if lines else 0
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
