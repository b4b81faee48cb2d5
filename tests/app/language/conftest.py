"""Fixtures of the language tests: the catalog tool (tools/i18n.py) and a program that ends each test in English."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.language import use_language

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(autouse=True)
def back_to_english():
    """A test that switches the language does not leave it switched for the next one."""
    yield
    use_language("en")


@pytest.fixture
def i18n(monkeypatch):
    """tools/i18n.py, the command that extracts, compiles and checks the catalogs (with tools/i18n_checks.py)."""
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    import i18n

    return i18n
