"""Damaged files, the password store and the disk said in Ukrainian (issue 13), numbers written the
Ukrainian way."""

from __future__ import annotations

import errno
import json

import pytest

from app.platform import safe_json
from app.platform.atomic import describe_os_error
from app.platform.config import AppPaths, load_settings
from app.platform.credentials import check_key_format
from app.platform.json_words import json_error_words


def words_for(text: str) -> str:
    with pytest.raises(json.JSONDecodeError) as caught:
        json.loads(text)
    return json_error_words(caught.value)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"a": 1,}', "зайва кома перед дужкою } у рядку 1"),
        ("[1, 2,\n]", "зайва кома в рядку 1, перед дужкою ] у рядку 2"),
        ('{\n "a": 1\n "b": 2}', "бракує коми в кінці рядка 2"),
        ("[1" + ",\n1" * 1500 + ",]", "зайва кома перед дужкою ] у рядку 1\u00a0501"),  # a long file: 1 501
    ],
)
def test_what_is_wrong_in_a_file_is_said_in_ukrainian(ukrainian, text, said):
    assert words_for(text) == said


def test_a_damaged_settings_file_is_said_in_ukrainian(ukrainian, tmp_path):
    paths = AppPaths(config_dir=tmp_path / "config", data_dir=tmp_path / "data")
    paths.config_dir.mkdir()
    paths.settings_file.write_text("{}" * 3, encoding="utf-8")
    problem = load_settings(paths).load_problem or ""
    assert problem.startswith(
        "Не вдалося використати файл налаштувань: у рядку 1 після закривальної дужки } є ще текст"
    )
    assert problem.endswith("використано стандартні налаштування.")


@pytest.mark.parametrize(("depth", "said"), [(71, "71 рівень"), (73, "73 рівні"), (75, "75 рівнів")])
def test_a_nesting_too_deep_is_counted_in_the_right_form(ukrainian, depth, said):
    with pytest.raises(safe_json.JsonLimitError) as caught:
        safe_json.loads("[" * depth + "]" * depth)
    assert str(caught.value) == f"у ньому {said} вкладення (читається щонайбільше {safe_json.MAX_DEPTH})"


def test_the_disk_and_the_key_are_said_in_ukrainian(ukrainian):
    assert describe_os_error(OSError(errno.ENOSPC, "No space left on device")) == "диск заповнений"
    assert check_key_format("live_abc def") == "Ключ API не може містити пробілів."
