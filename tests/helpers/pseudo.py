"""The pseudo-language of the catalog checks: every text of the source written ``⟦text⟧``.

tools/i18n.py makes it from the source as it is now (not the committed template, which may lag behind),
so a text that reaches a person without passing through the catalog shows unmarked.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
MARKED = re.compile(r"⟦[^⟦⟧]*⟧")  # the innermost marked text (a marked text may hold another)


def load_i18n() -> ModuleType:
    """tools/i18n.py (tools/ is no package: loaded from its path, with its helper module beside it)."""
    tools = ROOT / "tools"
    sys.path.insert(0, str(tools))
    try:
        spec = importlib.util.spec_from_file_location("i18n_tool", tools / "i18n.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(tools))
    return module


def write_pseudo_catalog(folder: Path) -> Path:
    """The pseudo-language's compiled catalog in ``folder`` (as ``use_language("pseudo", folder=folder)``
    reads it), made from a fresh extraction of the source."""
    i18n = load_i18n()
    target: Path = i18n.catalog_path(i18n.PSEUDO, folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(i18n.compiled(i18n.pseudo_catalog(i18n.extract())))
    return folder


def without_marked(text: str) -> str:
    """``text`` with every marked part taken out, the inner ones first."""
    while True:
        shorter = MARKED.sub(" ", text)
        if shorter == text:
            return text
        text = shorter


def file_texts(value: object) -> Iterator[str]:
    """Every text a campaign file holds (its own words: titles, messages, button labels, the sender),
    and each line of a text of several lines."""
    if isinstance(value, str):
        yield value
        yield from value.splitlines()
    elif isinstance(value, dict):
        for item in value.values():
            yield from file_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from file_texts(item)
