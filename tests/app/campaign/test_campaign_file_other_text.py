"""A text file of another kind (a README, a CSV, notes) opened as a campaign: it is said to be no campaign
file, rather than complained about line by line as if it were a broken one; a broken campaign file (it
starts with "{") still gets the line-by-line words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.campaign import limits
from app.campaign.file import CampaignFileError, load_campaign_file
from app.cli import main

NOT_A_CAMPAIGN = "is not a campaign file: choose one the program saved (its name ends in .rcs.json)."
BOM = "\ufeff"


def refusal(path: Path) -> str:
    with pytest.raises(CampaignFileError) as caught:
        load_campaign_file(path)
    return caught.value.user_message


def test_rcs_desk_validate_readme_says_it_is_not_a_campaign_file(tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text("# RCS Campaign Desk\n\nSend RCS campaigns.\n", encoding="utf-8")
    assert main(["validate", str(readme)]) == 1
    err = capsys.readouterr().err
    assert err == f"README.md {NOT_A_CAMPAIGN}\n"
    assert "double quotes" not in err and "line 1" not in err


@pytest.mark.parametrize(
    "text",
    [
        "Phone,Name\n380661231231,Olena\n",  # a CSV
        f"{BOM}  \n\tHello",  # a byte order mark and white space do not hide the first word
        "[1, 2,",  # broken JSON, but no campaign's start
        "," * (limits.MAX_FILE_VALUES + 1),  # too many values to read: still not a campaign's start
    ],
)
def test_other_texts_are_said_to_be_no_campaign_file(tmp_path, text):
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    assert refusal(path) == f"notes.txt {NOT_A_CAMPAIGN}"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('{"format": "rcs-desk.campaign",\n "version": 1,}', "there is an extra comma before the } on line 2"),
        (f"{BOM}\n  {{\"format\": 'rcs'}}", "names and texts need double quotes"),
    ],
)
def test_a_broken_campaign_file_is_still_explained_line_by_line(tmp_path, text, said):
    path = tmp_path / "spring.rcs.json"
    path.write_text(text, encoding="utf-8")
    message = refusal(path)
    assert said in message and NOT_A_CAMPAIGN not in message


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


# Texts that are not empty, not JSON, and do not start (after white space) with "{".
_OTHER_TEXTS = (
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=200)
    .filter(lambda text: text.encode().strip() != b"" and not text.lstrip(" \t\r\n").startswith(("{", BOM)))
    .filter(lambda text: not _is_json(text))
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_OTHER_TEXTS, bom=st.booleans())
def test_any_other_text_is_said_to_be_no_campaign_file(tmp_path, text, bom):
    path = tmp_path / "other.txt"
    path.write_text((BOM if bom else "") + text, encoding="utf-8")
    assert refusal(path) == f"other.txt {NOT_A_CAMPAIGN}"
