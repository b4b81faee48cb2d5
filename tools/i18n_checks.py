"""The checks a translation catalog must pass (run by ``tools/i18n.py check`` and tests/app/language/).

Each takes Babel catalogs (``babel.messages.catalog.Catalog``) and returns a list of problems in words,
empty when all is well, so a test can assert on it and the command can print it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from babel.messages.catalog import Catalog, Message

# Escapes first, so that "{{", "}}" and "%%" are skipped rather than read as the start of a placeholder.
_PLACEHOLDER = re.compile(
    r"""
      \{\{ | \}\} | %%                                              # escapes: not placeholders
    | \{[^{}]*\}                                                    # str.format: {name}, {count:,}, {0}, {}
    | %\([^)]*\)[-\#0+]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]             # printf by name: %(name)s
    | %L?\d{1,2}                                                    # Qt: %1, %L1
    | %n                                                            # Qt's count
    | %[-\#0+]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]                      # printf: %s, %d, %.2f
    """,
    re.VERBOSE,
)
_ESCAPES = frozenset({"{{", "}}", "%%"})


def placeholders(text: str) -> list[str]:
    """The placeholders in ``text``, sorted: ``"{count:,} of %1"`` has ``["%1", "{count:,}"]``."""
    return sorted(found for found in _PLACEHOLDER.findall(text) if found not in _ESCAPES)


def message_forms(message: Message) -> tuple[str, ...]:
    """The translation's forms: one, or one a plural form ("" where there is none yet)."""
    string = message.string
    return tuple(string) if isinstance(string, (list, tuple)) else (string or "",)


def message_ids(message: Message) -> tuple[str, ...]:
    """The English text, or its singular and plural."""
    return tuple(message.id) if isinstance(message.id, (list, tuple)) else (message.id,)


def describe(message: Message) -> str:
    """A message as a problem list names it: its text (the singular's) and, when it has one, its context."""
    text = message_ids(message)[0]
    return f"{text!r} (context {message.context!r})" if message.context else repr(text)


def entries(catalog: Catalog) -> list[Message]:
    """The catalog's messages without its header (the entry with the empty id)."""
    return [message for message in catalog if message.id]


def is_translated(message: Message) -> bool:
    """True when every form of ``message`` has a translation (a plural one has all of its forms)."""
    return all(message_forms(message))


def untranslated_entries(catalog: Catalog) -> list[str]:
    """The entries a translator still has to do: without a translation (a plural one lacking any form)
    or marked fuzzy (a guess nobody checked); the program shows them in English."""
    return [describe(message) for message in entries(catalog) if message.fuzzy or not is_translated(message)]


def placeholder_problems(catalog: Catalog) -> list[str]:
    """Translated entries whose placeholders differ from the English: each ``{name}``, ``%s``,
    ``%(x)s``, ``%1`` or ``%n`` of the English, exactly as written, and no other. A plural entry's
    every form keeps the English plural's placeholders (Ukrainian's "one" form also says 21, 31, ...)."""
    problems = []
    for message in entries(catalog):
        ids = message_ids(message)
        wanted = Counter(placeholders(ids[-1]))
        for index, form in enumerate(message_forms(message)):
            if form and Counter(placeholders(form)) != wanted:
                which = f" form {index}" if len(ids) > 1 else ""
                problems.append(
                    f"{describe(message)}{which}: placeholders {placeholders(form)} "
                    f"instead of {sorted(wanted.elements())}"
                )
    return problems


def template_entries(catalog: Catalog) -> dict[tuple[str | None, tuple[str, ...]], str]:
    """What extraction decides about each entry: its context and text(s), and its notes for translators
    (as one line: a written catalog wraps long notes)."""
    return {
        (message.context, message_ids(message)): " ".join(" ".join(message.auto_comments).split())
        for message in entries(catalog)
    }


def template_differences(committed: Catalog, fresh: Catalog) -> list[str]:
    """How the committed template differs from a fresh extraction of the source."""
    old, new = template_entries(committed), template_entries(fresh)
    problems = [f"new in the source: {key[1][0]!r}" for key in sorted(new.keys() - old.keys(), key=repr)]
    problems += [f"no longer in the source: {key[1][0]!r}" for key in sorted(old.keys() - new.keys(), key=repr)]
    changed = sorted((key for key in new.keys() & old.keys() if new[key] != old[key]), key=repr)
    problems += [f"its note for translators changed: {key[1][0]!r}" for key in changed]
    return problems


def outdated_entries(template: Catalog, catalog: Catalog) -> list[str]:
    """How a language's catalog differs from the template in its texts (``update`` brings it level)."""
    old, new = template_entries(catalog).keys(), template_entries(template).keys()
    problems = [f"not in it yet: {key[1][0]!r}" for key in sorted(new - old, key=repr)]
    return problems + [f"no longer in the template: {key[1][0]!r}" for key in sorted(old - new, key=repr)]


def loaded_messages(catalog: Catalog) -> set[tuple[str | None, tuple[str, ...], tuple[str, ...]]]:
    """A compiled catalog's contents as gettext uses them: context, text(s) and translation(s)."""
    return {(message.context, message_ids(message), message_forms(message)) for message in entries(catalog)}


def compiled_differences(committed: Catalog, fresh: Catalog) -> list[str]:
    """How a committed ``.mo`` (read back) differs from a fresh compile of its ``.po`` (read back)."""
    problems = []
    if committed.plural_forms != fresh.plural_forms:
        problems.append(f"plural rule {committed.plural_forms!r} instead of {fresh.plural_forms!r}")
    old, new = loaded_messages(committed), loaded_messages(fresh)
    problems += [f"missing or different: {key[1][0]!r}" for key in sorted(new - old, key=repr)]
    problems += [f"not in the .po: {key[1][0]!r}" for key in sorted(old - new, key=repr)]
    return problems


def catalog_summary(catalog: Catalog) -> tuple[int, int]:
    """(translated, all) entries of ``catalog``, fuzzy ones counted as not translated."""
    found = entries(catalog)
    return sum(1 for message in found if is_translated(message) and not message.fuzzy), len(found)


def flatten(groups: Iterable[tuple[str, list[str]]]) -> list[str]:
    """Problem lists under headings, as one list of lines."""
    return [f"{heading}: {line}" for heading, lines in groups for line in lines]
