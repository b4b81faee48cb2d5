"""Where settings and data live, and the user's settings (never secrets).

Settings and data go under the platform's user folders (``platformdirs``), or all under
one folder named by ``RCS_DESK_HOME``. ``RCS_DESK_API_URL`` overrides the server address.
The API key is not here: see ``app.platform.credentials``.

Reading settings never fails: a file that cannot be used, whatever its bytes, is moved aside
(``settings.damaged-<UTC time>.json``), the defaults are used, and ``Settings.load_problem`` says so
in plain words, naming where the file went. Writing them raises ``SettingsError`` (plain ``str()``).
The folders the program creates are private to the user (see ``app.platform.atomic``).
"""

from __future__ import annotations

import functools
import json
import logging
import os
import stat
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import platformdirs

from app import APP_ID
from app.campaign import limits
from app.campaign.time_zones import is_valid_time_zone, looks_like_zone_name
from app.language import SYSTEM, tr, tr_n
from app.language.formats import format_count
from app.platform.atomic import describe_os_error, make_private_dir, write_atomic

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://one-api.wwt.world"
ENV_HOME = "RCS_DESK_HOME"
ENV_API_URL = "RCS_DESK_API_URL"
ENV_API_KEY = "RCS_DESK_API_KEY"
RECENT_SENDERS_MAX = 10
TEST_PHONES_MAX = 5  # as app.test_sends.phones.MAX_TEST_PHONES (the settings do not import the test sends)
SETTINGS_MAX_BYTES = 1024 * 1024  # the program writes well under 2 KiB
SETTINGS_MAX_DEPTH = 16  # the program writes 2 levels; unknown keys of a later version get some room


class SettingsError(Exception):
    """The settings could not be saved; ``str()`` says so in plain words, ``details`` technically."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.user_message = message
        self.details = details


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
    """User preferences. Unknown keys in the file are kept and written back.

    ``load_problem`` is set by ``load_settings`` when the file could not be used (a message for the
    user, naming where the file was moved); it is never written.
    """

    api_url: str = DEFAULT_API_URL
    time_zone: str = ""  # account time zone; empty = the computer's
    recent_senders: list[str] = field(default_factory=list)
    default_sms_sender: str = ""
    default_validity: int = limits.VALIDITY_DEFAULT_HOURS
    sms_fallback_by_default: bool = True
    test_phones: list[str] = field(default_factory=list)  # "My test phones": digits with the country code
    # "system" (the computer's), "en" or "uk"; another version's language is kept and read as "system"
    language: str = SYSTEM
    extra: dict[str, Any] = field(default_factory=dict)
    load_problem: str | None = field(default=None, compare=False, repr=False)

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
        known = {f.name: f for f in fields(cls) if f.name not in ("extra", "load_problem")}
        for key, value in data.items():
            default = getattr(settings, key, None) if key in known else None
            if key in known and _same_kind(value, default) and _in_range(key, value):
                setattr(settings, key, value)
            else:
                settings.extra[key] = value
        settings.recent_senders = [s for s in settings.recent_senders if isinstance(s, str)]
        del settings.recent_senders[RECENT_SENDERS_MAX:]
        settings.test_phones = [p for p in settings.test_phones if isinstance(p, str) and p.isascii() and p.isdigit()]
        del settings.test_phones[TEST_PHONES_MAX:]
        return settings

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        extra = data.pop("extra")
        data.pop("load_problem")
        return {**extra, **data}


def _same_kind(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    return isinstance(value, type(default))


def _in_range(key: str, value: object) -> bool:
    if key == "default_validity":  # an int here (_same_kind ran first)
        return isinstance(value, int) and limits.VALIDITY_MIN_HOURS <= value <= limits.VALIDITY_MAX_HOURS
    return True


class _Unusable(Exception):
    """The settings file cannot be used; ``str()`` says why, in plain words."""


def load_settings(paths: AppPaths | None = None) -> Settings:
    """The settings; the defaults when the file is missing. Never raises.

    A file that cannot be used (not UTF-8, not JSON, nested or sized beyond reason, a time zone
    that is no zone name, not an object, a folder, unreadable) is moved aside and the defaults are
    used; ``load_problem`` of the result then says so and names the moved file.
    """
    path = (paths or app_paths()).settings_file
    try:
        return _read_settings(path)
    except _Unusable as exc:
        reason = str(exc)
    except Exception:  # never stop the program over its settings
        log.debug("settings could not be read", exc_info=True)
        # Translators: "it" is the settings file, after "The settings file could not be used:".
        reason = tr("it could not be read")
    settings = Settings()
    settings.load_problem = _move_aside(path, reason)
    return settings


def _read_settings(path: Path) -> Settings:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return Settings()
    except NotADirectoryError:
        settings = Settings()
        settings.load_problem = tr(
            "The settings folder {folder} is a file, not a folder, so settings cannot be read or saved. "
            "The default settings are used."
        ).format(folder=path.parent)
        return settings
    except OSError as exc:
        raise _Unusable(tr("it could not be read ({reason})").format(reason=describe_os_error(exc))) from None
    if stat.S_ISDIR(info.st_mode):
        raise _Unusable(tr("it is a folder, not a file"))
    if not stat.S_ISREG(info.st_mode):
        raise _Unusable(tr("it is not an ordinary file"))
    if info.st_size > SETTINGS_MAX_BYTES:
        size = tr_n("it is too large ({count} byte)", "it is too large ({count} bytes)", info.st_size)
        raise _Unusable(size.format(count=format_count(info.st_size)))
    try:
        with open(path, "rb") as handle:
            data = handle.read(SETTINGS_MAX_BYTES + 1)
    except OSError as exc:
        raise _Unusable(tr("it could not be read ({reason})").format(reason=describe_os_error(exc))) from None
    if len(data) > SETTINGS_MAX_BYTES:
        raise _Unusable(tr("it is too large"))
    if not data.strip():
        raise _Unusable(tr("it is empty"))
    from app.platform import safe_json
    from app.platform.json_words import json_error_words

    try:
        value = safe_json.loads(data, max_depth=SETTINGS_MAX_DEPTH)
    except UnicodeDecodeError:
        raise _Unusable(tr("it is not a text file")) from None
    except safe_json.JsonLimitError as exc:
        raise _Unusable(str(exc)) from None
    except json.JSONDecodeError as exc:
        raise _Unusable(json_error_words(exc)) from None
    except (ValueError, RecursionError):
        raise _Unusable(tr("it is damaged")) from None
    if not isinstance(value, dict):
        raise _Unusable(tr("it does not hold settings"))
    zone = value.get("time_zone")
    if isinstance(zone, str) and zone and not looks_like_zone_name(zone):
        raise _Unusable(tr("its time zone is not a time zone name"))
    return Settings.from_json(value)


def _move_aside(path: Path, reason: str) -> str:
    """Move the unusable settings file aside (never over an earlier one); the message for the user."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"settings.damaged-{stamp}.json")
    counter = 1
    while os.path.lexists(target):
        counter += 1
        target = path.with_name(f"settings.damaged-{stamp}-{counter}.json")
    log.info("settings file %s cannot be used (%s); moving it to %s", path, reason, target.name)
    try:
        os.rename(path, target)  # the name was checked free just above
    except OSError as exc:
        log.warning("settings file could not be moved aside: %s", exc)
        return tr(
            "The settings file {file} could not be used: {reason}. It could not be moved aside "
            "({why}), so it was left in place. The default settings are used."
        ).format(file=path, reason=reason, why=describe_os_error(exc))
    return tr(
        "The settings file could not be used: {reason}. It was moved to {file} and the default settings are used."
    ).format(reason=reason, file=target)


def save_settings(settings: Settings, paths: AppPaths | None = None) -> None:
    """Write the settings atomically, readable by this user only. Raises ``SettingsError``."""
    path = (paths or app_paths()).settings_file
    data = (json.dumps(settings.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8", "replace")
    try:
        make_private_dir(path.parent)
        write_atomic(path, data)
    except OSError as exc:
        raise SettingsError(
            tr("The settings could not be saved to {file}: {reason}.").format(file=path, reason=describe_os_error(exc)),
            details=f"{type(exc).__name__}: {exc}",
        ) from exc
