"""Makes the README's screenshots with ``rcs-desk screenshot`` (offscreen, demo mode).

Run: ``.venv/bin/python docs/make_screenshots.py``. Each picture is the program's own window;
the scheduled example is written with a start three days from today so it is always valid.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"


def autumn_offer(folder: Path) -> Path:
    """A single card, scheduled, whose SMS has typographic quotes (they show up marked)."""
    start = (datetime.now() + timedelta(days=3)).replace(hour=10, minute=30, second=0, microsecond=0)  # noqa: DTZ005 - a wall-clock time
    request = {
        "groups": [1864603, 1864607],
        "sender": "WWT Shop",
        "options": {
            "cards": [
                {
                    "title": "New collection: autumn / winter",
                    "text": (
                        "Warm coats, soft knits and boots for the cold days. Members get early access this weekend."
                    ),
                    "media": {"url": "https://demo.rcs-desk.invalid/media/new-collection.jpg"},
                    "suggestions": [{"text": "See the collection", "url": "https://shop.example.com/autumn"}],
                }
            ]
        },
        "start_at": start.strftime("%Y-%m-%d %H:%M:%S"),
        "validity": 24,
        "alternative_channel": {
            "sms": {
                "text": "New autumn collection: members’ early access this weekend — “first come, first served”.",
                "sender": "WWTshop",
                "validity": 24,
            }
        },
    }
    lists = {
        "1864603": {"name": "VIP customers", "contacts": 240},
        "1864607": {"name": "Loyalty programme: gold", "contacts": 412},
    }
    path = folder / "autumn-offer.rcs.json"
    path.write_text(
        json.dumps(
            {
                "format": "rcs-desk.campaign",
                "version": 1,
                "time_zone": "Europe/Kyiv",
                "request": request,
                "lists": lists,
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return path


def shoot(name: str, file: Path | None, *options: str, home: str) -> None:
    command = [sys.executable, "-m", "rcs_desk", "--demo", "screenshot", str(OUT / name), *options]
    if file is not None:
        command.append(str(file))
    env = dict(os.environ, RCS_DESK_HOME=home, QT_QPA_PLATFORM="offscreen")
    subprocess.run(command, check=True, env=env, cwd=ROOT, timeout=180)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    spring = ROOT / "examples" / "spring-sale.rcs.json"
    with tempfile.TemporaryDirectory() as folder:
        autumn = autumn_offer(Path(folder))
        home = str(Path(folder) / "home")
        shoot("compose-light.png", spring, "--theme", "light", home=home)
        shoot("compose-dark.png", spring, "--theme", "dark", home=home)
        shoot("recipients.png", spring, "--theme", "light", "--tab", "recipients", home=home)
        shoot("schedule.png", autumn, "--theme", "light", "--tab", "schedule", home=home)
        shoot("sms-fallback.png", autumn, "--theme", "light", "--tab", "sms", home=home)
        shoot("new-campaign.png", None, "--theme", "light", home=home)
        for theme in ("light", "dark"):
            subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "docs" / "confirmation_screenshot.py"),
                    str(autumn),
                    str(OUT / f"confirmation-{theme}.png"),
                    theme,
                ],
                check=True,
                env=dict(os.environ, RCS_DESK_HOME=home, QT_QPA_PLATFORM="offscreen"),
                cwd=ROOT,
            )
        env = dict(os.environ, RCS_DESK_HOME=str(Path(folder) / "campaigns-home"), QT_QPA_PLATFORM="offscreen")
        subprocess.run(
            [sys.executable, str(ROOT / "docs" / "campaigns_screenshot.py"), str(OUT / "campaigns.png")],
            check=True,
            env=env,
            cwd=ROOT,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
