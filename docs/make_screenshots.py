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


# The window speaks the system's language: the pictures name theirs, whatever this computer's is.
ENGLISH = "C.UTF-8"
UKRAINIAN = "uk_UA.UTF-8"


def program_env(home: str | Path, language: str = ENGLISH) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    return dict(env, RCS_DESK_HOME=str(home), QT_QPA_PLATFORM="offscreen", LANG=language)


def shoot(name: str, file: Path | None, *options: str, home: str, language: str = ENGLISH) -> None:
    command = [sys.executable, "-m", "rcs_desk", "--demo", "screenshot", str(OUT / name), *options]
    if file is not None:
        command.append(str(file))
    subprocess.run(command, check=True, env=program_env(home, language), cwd=ROOT, timeout=180)


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
        # The same window in Ukrainian, with a campaign written in Ukrainian (README, "Українською").
        vesna = ROOT / "examples" / "vesnianyi-rozprodazh.rcs.json"
        uk_home = str(Path(folder) / "home-uk")
        shoot("uk-compose.png", vesna, "--theme", "light", home=uk_home, language=UKRAINIAN)
        shoot("uk-recipients.png", vesna, "--theme", "light", "--tab", "recipients", home=uk_home, language=UKRAINIAN)
        shoot("uk-schedule.png", vesna, "--theme", "light", "--tab", "schedule", home=uk_home, language=UKRAINIAN)
        shoot("uk-sms-fallback.png", vesna, "--theme", "dark", "--tab", "sms", home=uk_home, language=UKRAINIAN)
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
                env=program_env(home),
                cwd=ROOT,
            )
        for theme in ("light", "dark"):  # each on a fresh history: three campaigns, the same every time
            run_script(
                "campaigns_screenshot.py",
                str(OUT / f"campaigns-{theme}.png"),
                theme,
                home=Path(folder) / f"campaigns-{theme}",
            )
        run_script(
            "campaigns_screenshot.py",
            str(OUT / "uk-campaigns.png"),
            "light",
            home=Path(folder) / "campaigns-uk",
            language=UKRAINIAN,
        )
        run_script(
            "test_send_screenshot.py",
            str(spring),
            str(OUT / "test-question.png"),
            str(OUT / "test-messages.png"),
            home=Path(folder) / "test-send",
        )
    return 0


def run_script(name: str, *arguments: str, home: Path, language: str = ENGLISH) -> None:
    """One of the picture scripts beside this one, with its own empty RCS_DESK_HOME."""
    command = [sys.executable, str(ROOT / "docs" / name), *arguments]
    subprocess.run(command, check=True, env=program_env(home, language), cwd=ROOT, timeout=180)


if __name__ == "__main__":
    sys.exit(main())
