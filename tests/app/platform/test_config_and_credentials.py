"""Settings, folders and the API key store, without Qt."""

from __future__ import annotations

import json

import keyring
import pytest
from keyring.backends import fail

from app.platform import config, credentials


def test_home_override_puts_everything_in_one_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("RCS_DESK_HOME", str(tmp_path / "home"))
    paths = config.app_paths()
    assert paths.settings_file.is_relative_to(tmp_path / "home")
    assert paths.history_db.is_relative_to(tmp_path / "home")
    assert paths.recovery_dir.is_relative_to(tmp_path / "home")


def test_without_override_folders_are_the_platform_user_folders(monkeypatch):
    monkeypatch.delenv("RCS_DESK_HOME")
    paths = config.app_paths()
    assert "rcs-desk" in str(paths.config_dir)
    assert "rcs-desk" in str(paths.data_dir)


def test_settings_round_trip_keeps_unknown_keys():
    settings = config.Settings(api_url="https://example.test", time_zone="Europe/Kyiv")
    settings.extra["future_option"] = {"a": 1}
    config.save_settings(settings)
    loaded = config.load_settings()
    assert loaded.api_url == "https://example.test"
    assert loaded.account_time_zone == "Europe/Kyiv"
    assert loaded.extra == {"future_option": {"a": 1}}


def test_settings_with_wrong_types_fall_back_to_defaults_and_keep_the_value():
    path = config.app_paths().settings_file
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"default_validity": "soon", "sms_fallback_by_default": 1}), encoding="utf-8")
    loaded = config.load_settings()
    assert loaded.default_validity == 72
    assert loaded.sms_fallback_by_default is True
    assert loaded.extra == {"default_validity": "soon", "sms_fallback_by_default": 1}


def test_damaged_settings_file_is_moved_aside_and_defaults_used(caplog):
    path = config.app_paths().settings_file
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    loaded = config.load_settings()
    assert loaded == config.Settings()
    assert not path.exists()
    [aside] = path.parent.glob("settings.damaged-*.json")
    assert aside.read_text(encoding="utf-8") == "{not json"
    assert str(aside) in loaded.load_problem


def test_invalid_time_zone_setting_uses_the_computer_zone():
    settings = config.Settings(time_zone="Mars/Olympus_Mons")
    assert settings.account_time_zone == config.local_time_zone_name()


def test_api_url_environment_override(monkeypatch):
    monkeypatch.setenv("RCS_DESK_API_URL", "http://127.0.0.1:9999/")
    assert config.Settings(api_url="https://one-api.wwt.world").effective_api_url == "http://127.0.0.1:9999"


def test_recent_senders_are_unique_newest_first_and_bounded():
    settings = config.Settings()
    for index in range(15):
        settings.remember_sender(f"Agent {index}")
    settings.remember_sender("Agent 3")
    assert settings.recent_senders[0] == "Agent 3"
    assert len(settings.recent_senders) == config.RECENT_SENDERS_MAX
    assert settings.recent_senders.count("Agent 3") == 1


def test_api_key_is_saved_in_the_keyring_and_never_in_the_settings_folder(isolated_environment):
    credentials.save_api_key("live_secret_123")
    assert credentials.load_api_key().value == "live_secret_123"
    assert isolated_environment.passwords  # the fake keyring holds it
    config.save_settings(config.Settings())
    for file in config.app_paths().config_dir.rglob("*"):
        if file.is_file():
            assert "live_secret_123" not in file.read_text(encoding="utf-8")
    credentials.delete_api_key()
    assert credentials.load_api_key() is None


def test_environment_key_overrides_the_keyring(monkeypatch):
    credentials.save_api_key("live_from_keyring")
    monkeypatch.setenv("RCS_DESK_API_KEY", "test_from_env")
    found = credentials.load_api_key()
    assert (found.value, found.source) == ("test_from_env", "environment")
    assert "test_from_env" not in repr(found)


def test_without_a_keyring_saving_is_refused_with_a_clear_message():
    keyring.set_keyring(fail.Keyring())
    assert not credentials.keyring_available()
    with pytest.raises(credentials.CredentialsError) as caught:
        credentials.save_api_key("live_x")
    assert "RCS_DESK_API_KEY" in str(caught.value)
    assert "keyring" in str(caught.value)
    assert credentials.load_api_key() is None


@pytest.mark.parametrize(
    ("key", "ok"),
    [("live_abc", True), ("test_abc", True), ("", False), ("abc", False), ("live_a b", False)],
)
def test_key_format_check(key, ok):
    assert (credentials.check_key_format(key) is None) is ok
