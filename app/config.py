"""Where settings and data live, and the user's settings (never secrets).

Settings and data go under the platform's user folders (``platformdirs``), or all under
one folder named by ``RCS_DESK_HOME``. ``RCS_DESK_API_URL`` overrides the server address.
The API key is not here: see ``app.credentials``.
"""

from __future__ import annotations

import functools
import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

from app import APP_ID, limits
from app.atomic import write_atomic
from app.campaign_file import is_valid_time_zone

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://one-api.wwt.world"
ENV_HOME = "RCS_DESK_HOME"
ENV_API_URL = "RCS_DESK_API_URL"
ENV_API_KEY = "RCS_DESK_API_KEY"
RECENT_SENDERS_MAX = 10


@dataclass(frozen=True)
class AppPaths:
    """The folders the program writes to."""

    config_dir: Path
    data_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def drafts_dir(self) -> Path:
        return self.data_dir / "drafts"

    @property
    def recovery_dir(self) -> Path:
        return self.data_dir / "recovery"

    @property
    def history_db(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def demo_history_db(self) -> Path:
        """The demo mode's own history, kept apart from the real one."""
        return self.data_dir / "history-demo.sqlite3"


def app_paths() -> AppPaths:
    home = os.environ.get(ENV_HOME)
    if home:
        root = Path(home).expanduser()
        return AppPaths(config_dir=root / "config", data_dir=root / "data")
    return AppPaths(
        config_dir=Path(platformdirs.user_config_dir(APP_ID, appauthor=False)),
        data_dir=Path(platformdirs.user_data_dir(APP_ID, appauthor=False)),
    )


@functools.cache  # asked often (every account_time_zone); a run does not outlive a change of zone worth noticing
def local_time_zone_name() -> str:
    """The computer's IANA time zone name, or "UTC" when it cannot be told."""
    try:
        import tzlocal

        name = tzlocal.get_localzone_name()
    except Exception:  # tzlocal raises several kinds on odd systems; UTC is a safe answer
        log.debug("local time zone could not be determined", exc_info=True)
        return "UTC"
    return name if name and is_valid_time_zone(name) else "UTC"


@dataclass
class Settings:
    """User preferences. Unknown keys in the file are kept and written back."""

    api_url: str = DEFAULT_API_URL
    time_zone: str = ""  # account time zone; empty = the computer's
    recent_senders: list[str] = field(default_factory=list)
    default_sms_sender: str = ""
    default_validity: int = limits.VALIDITY_DEFAULT_HOURS
    sms_fallback_by_default: bool = True
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def account_time_zone(self) -> str:
        return self.time_zone if self.time_zone and is_valid_time_zone(self.time_zone) else local_time_zone_name()

    @property
    def effective_api_url(self) -> str:
        return (os.environ.get(ENV_API_URL) or self.api_url or DEFAULT_API_URL).rstrip("/")

    def remember_sender(self, sender: str) -> None:
        sender = sender.strip()
        if not sender:
            return
        self.recent_senders = [sender] + [s for s in self.recent_senders if s != sender]
        del self.recent_senders[RECENT_SENDERS_MAX:]

    @classmethod
    def from_json(cls, data: Any) -> Settings:
        settings = cls()
        if not isinstance(data, dict):
            return settings
        known = {f.name: f for f in fields(cls) if f.name != "extra"}
        for key, value in data.items():
            default = getattr(settings, key, None) if key in known else None
            if key in known and _same_kind(value, default):
                setattr(settings, key, value)
            else:
                settings.extra[key] = value
        settings.recent_senders = [s for s in settings.recent_senders if isinstance(s, str)]
        return settings

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        extra = data.pop("extra")
        return {**extra, **data}


def _same_kind(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    return isinstance(value, type(default))


def load_settings(paths: AppPaths | None = None) -> Settings:
    """Read settings; a missing or damaged file gives the defaults (a damaged one is kept aside)."""
    path = (paths or app_paths()).settings_file
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except OSError:
        log.warning("settings file could not be read; using defaults")
        return Settings()
    try:
        return Settings.from_json(json.loads(raw))
    except json.JSONDecodeError:
        aside = path.with_suffix(".damaged.json")
        log.warning("settings file is damaged; moved aside to %s", aside.name)
        try:
            os.replace(path, aside)
        except OSError:
            pass
        return Settings()


def save_settings(settings: Settings, paths: AppPaths | None = None) -> None:
    path = (paths or app_paths()).settings_file
    write_atomic(path, (json.dumps(settings.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
