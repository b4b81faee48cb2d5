"""Why no keyring is usable: for the self-test of the packaged program.

keyring finds its backends through package metadata (entry points, group ``keyring.backends``).
A packaged program that lost that metadata has no backend at all, which looks the same to the
user as a computer without a password store. ``keyring_report`` tells the two apart: it names
the backends found for this system and, for each one that cannot be used, the reason.
"""

from __future__ import annotations

import inspect
from importlib import metadata

from keyring.backend import KeyringBackend

# Backends of other systems, or wrappers of the others: not worth naming in a report.
_NOT_FOR_THIS_SYSTEM = ("macos required", "requires windows", "windows required", "requires macos", "macos only")


def backend_modules() -> list[str]:
    """The entry points keyring looks at (empty when the package metadata was not shipped)."""
    return sorted(ep.name for ep in metadata.entry_points(group="keyring.backends"))


def keyring_report() -> str:
    """One line: the usable backends, or why none is; never raises."""
    names = backend_modules()
    if not names:
        return "no keyring backends found (package metadata missing)"
    usable: list[str] = []
    reasons: list[str] = []
    for ep in metadata.entry_points(group="keyring.backends"):
        if ep.name == "chainer":
            continue
        try:
            module = ep.load()
        except Exception as exc:  # noqa: BLE001 - a backend whose own dependencies are missing
            reasons.append(f"{ep.name}: cannot load ({type(exc).__name__}: {exc})")
            continue
        for backend in _backends_in(module):
            try:
                priority = backend.priority
            except Exception as exc:  # noqa: BLE001 - keyring's way to say "not usable here": priority raises
                message = str(exc)
                reason = f"{ep.name}: {message}"
                if reason not in reasons and not any(m in message.lower() for m in _NOT_FOR_THIS_SYSTEM):
                    reasons.append(reason)
                continue
            if priority > 0:
                usable.append(getattr(backend, "name", backend.__name__))
    if usable:
        return "usable: " + ", ".join(sorted(set(usable)))
    return "none usable" + (" (" + "; ".join(reasons) + ")" if reasons else "")


def _backends_in(module: object) -> list[type[KeyringBackend]]:
    if not inspect.ismodule(module):
        return []
    return [
        value
        for value in vars(module).values()
        if inspect.isclass(value)
        and issubclass(value, KeyringBackend)
        and value.__module__ == module.__name__
        and not inspect.isabstract(value)
    ]
