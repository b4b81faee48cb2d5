"""Opening what is not a campaign we can read: a plain message, and the file left exactly as it was."""

from __future__ import annotations

import os

import pytest

from app.campaign.file import CampaignFileError, load_campaign_file

CASES = [
    (b'{"format": "rcs-desk.campaign", "version": 2, "time_zone": "UTC", "request": {}}', "newer version"),
    (b'{"format": "rcs-desk.campaign", "version": 1, "request": {"groups": [1]', "it ends too early on line 1"),
    (b'{"format": "something-else", "version": 1}', "not an RCS Campaign Desk campaign"),
    (b"[1, 2, 3]", "not an RCS Campaign Desk campaign"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "not a campaign file"),
    (b'{"format": "rcs-desk.campaign", "version": 0, "request": {}}', "version number"),
    (b'{"format": "rcs-desk.campaign", "version": 1, "request": "hello"}', "holds no campaign"),
    (b'{"format": "rcs-desk.campaign", "version": 1, "time_zone": "Mars/Olympus", "request": {}}', "time zone"),
]


@pytest.mark.parametrize(("content", "expected"), CASES)
def test_unreadable_campaign_files_explain_why_and_stay_untouched(tmp_path, content, expected):
    path = tmp_path / "campaign.rcs.json"
    path.write_bytes(content)
    os.utime(path, (1_700_000_000, 1_700_000_000))
    with pytest.raises(CampaignFileError) as caught:
        load_campaign_file(path)
    message = caught.value.user_message
    assert expected in message and str(caught.value) == message
    assert "Traceback" not in message and "JSONDecodeError" not in message
    assert path.read_bytes() == content
    assert path.stat().st_mtime == 1_700_000_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["campaign.rcs.json"]


def test_a_missing_file_and_a_folder_are_named_plainly(tmp_path):
    with pytest.raises(CampaignFileError, match="does not exist"):
        load_campaign_file(tmp_path / "gone.rcs.json")
    folder = tmp_path / "folder.rcs.json"
    folder.mkdir()
    with pytest.raises(CampaignFileError) as caught:
        load_campaign_file(folder)
    assert "folder" in str(caught.value) or "could not be read" in str(caught.value)


def test_an_empty_file_is_said_to_be_empty(tmp_path):
    path = tmp_path / "zero.rcs.json"
    path.write_bytes(b"  \n")
    with pytest.raises(CampaignFileError) as caught:
        load_campaign_file(path)
    assert caught.value.user_message == "zero.rcs.json is empty: it holds no campaign."
