"""Which parts of a request changed: the fields a user has touched, in validation's path form."""

from __future__ import annotations

from typing import Any

from app.validation.problems import join_path


def leaf_values(value: Any, base: str = "") -> dict[str, Any]:
    """Every leaf of a JSON value by path: ``{"options.cards[0].title": "Sale", ...}``.
    An empty object or list is a leaf itself, so adding or removing one shows as a change."""
    if isinstance(value, dict) and value:
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(leaf_values(item, join_path(base, str(key))))
        return out
    if isinstance(value, list) and value:
        out = {}
        for index, item in enumerate(value):
            out.update(leaf_values(item, join_path(base, index)))
        return out
    return {base: value}


def changed_paths(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    """Paths whose leaf value differs between two ``leaf_values`` results (added and removed too)."""
    return {path for path in before.keys() | after.keys() if before.get(path, _MISSING) != after.get(path, _MISSING)}


def concerns(problem_path: str, touched: str) -> bool:
    """True when a problem at ``problem_path`` is about the touched field, or one inside or around it."""
    if problem_path == touched:
        return True
    return touched.startswith((problem_path + ".", problem_path + "[")) or problem_path.startswith(
        (touched + ".", touched + "[")
    )


_MISSING = object()
