"""What a damaged settings file may hold: shared by the core, command-line and window tests."""

from __future__ import annotations

import json
from pathlib import Path

# Each case: what is put where the settings file belongs (None: a folder).
DAMAGE: dict[str, bytes | None] = {
    "not UTF-8": b'{"api_url": "https://\xff\xfe.test", "time_zone": "Europe/Kyiv"}',
    "nested 2,000 deep": b'{"future": ' + b"[" * 2000 + b"]" * 2000 + b"}",
    "a 5,000-digit number": b'{"default_validity": ' + b"9" * 5000 + b"}",
    "a 300-byte time zone": json.dumps({"time_zone": "Europe/" + "A" * 293}).encode(),
    "not an object (wrong type)": b'["https://example.test", 72]',
    "empty": b"",
    "a folder": None,
}


def damage_settings(path: Path, case: str) -> None:
    data = DAMAGE[case]
    if data is None:
        (path / "inside").mkdir(parents=True)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
