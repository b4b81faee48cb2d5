"""Campaign files that once crashed or hung the program: each is refused at once with a plain message,
and what is read can be validated, saved and sent (issue 8, "Files that crash")."""

from __future__ import annotations

import contextlib
import io
import json
import os
import threading
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.api.responses import dumps
from app.campaign import limits
from app.campaign.file import CampaignFileError, is_valid_time_zone, load_campaign_file
from app.cli import EXIT_INPUT, EXIT_OK, main
from app.platform import safe_json
from app.sending import send_body
from app.validation import has_errors, validate_document
from helpers.campaign_strategies import (
    campaign_bytes,
    hostile_campaign_files,
    largest_accepted_file,
    odd_time_zones,
)

FUZZ = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
GOOD_REQUEST = {
    "groups": [1864619],
    "sender": "Agent",
    "options": {"text": "Spring sale"},
    "alternative_channel": {"sms": {"text": "Spring sale", "sender": "Shop"}},
}


def campaign(request: object = None, **top: object) -> dict:
    return {
        "format": "rcs-desk.campaign",
        "version": 1,
        "time_zone": "UTC",
        "request": GOOD_REQUEST if request is None else request,
        **top,
    }


def write(tmp_path: Path, content: bytes | str, name: str = "spring.rcs.json") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content)
    return path


def refusal(path: Path) -> str:
    with pytest.raises(CampaignFileError) as caught:
        load_campaign_file(path)
    message = caught.value.user_message
    assert str(caught.value) == message and "Traceback" not in message and "Error" not in message
    return message


# --- Not a regular file: refused before a byte is read ---------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_fifo_is_refused_without_being_opened(tmp_path):
    fifo = tmp_path / "spring.rcs.json"
    os.mkfifo(fifo)
    # A writer waits for a reader. Opening the pipe to read would let it through, and the load would
    # then return its campaign instead of refusing the pipe (before, it waited for a writer forever).
    writer = threading.Thread(target=lambda: fifo.write_bytes(campaign_bytes(campaign())), daemon=True)
    writer.start()
    try:
        message = refusal(fifo)
    finally:
        release = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # lets the writer finish, whatever happened
        writer.join()
        os.close(release)
    assert message.startswith("spring.rcs.json is not a file (it is a pipe)")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused_at_once(device):
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist here")
    message = refusal(Path(device))
    assert message.startswith(f"{Path(device).name} is not a file (it is a device)")  # /dev/zero was read to 2 GB


def test_a_folder_and_a_link_to_a_device_are_refused(tmp_path):
    folder = tmp_path / "folder.rcs.json"
    folder.mkdir()
    assert refusal(folder) == "folder.rcs.json is a folder, not a campaign file."
    if Path("/dev/zero").exists():
        link = tmp_path / "zero.rcs.json"
        link.symlink_to("/dev/zero")
        assert refusal(link).startswith("zero.rcs.json is not a file")


def test_a_file_over_the_size_limit_is_refused_without_reading_it(tmp_path, monkeypatch):
    big = tmp_path / "huge.rcs.json"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB that take no room on the disk
    read = []
    monkeypatch.setattr(os, "read", lambda fd, n: read.append(n) or b"")
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(-1) or b"")
    message = refusal(big)
    assert message.startswith("huge.rcs.json cannot be opened: it is 50 MB")
    assert "at most 5 MB" in message
    assert read == []


def test_the_size_limit_is_exact(tmp_path):
    content = campaign_bytes(campaign())
    padded = content + b" " * (limits.MAX_FILE_BYTES - len(content))
    assert load_campaign_file(write(tmp_path, padded)).campaign.sender == "Agent"
    message = refusal(write(tmp_path, padded + b" "))
    assert "at most 5 MB" in message


# --- Parseable JSON that broke a later step ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{"format": "rcs-desk.campaign", "version": 1, "request": ' + "[" * 200 + "]" * 200 + "}",
            "nests 201 levels deep (at most 64 are read)",
        ),
        (
            '{"format": "rcs-desk.campaign", "version": 1, "request": {"x": ' + "[" * 100_000 + "]" * 100_000 + "}}",
            "nests 100,002 levels deep",
        ),
        (
            '{"format": "rcs-desk.campaign", "version": 1, "request": {"groups": [' + "9" * 40 + "]}}",
            "a number with 40 digits (at most 30 are read)",
        ),
        ('{"format": "rcs-desk.campaign", "version": ' + "1" * 5000 + ', "request": {}}', "a number with 5,000 digits"),
        ('{"format": "rcs-desk.campaign", "version": 1, "request": {"validity": NaN}}', "NaN, which is not a number"),
        ('{"format": "rcs-desk.campaign", "version": 1, "request": {"x": -Infinity}}', "-Infinity, which is not"),
        ('{"format": "rcs-desk.campaign", "version": 1, "request": {"x": 1e999}}', "a number too large to use"),
        ('{"format": "rcs-desk.campaign", "version": 1, "request": {"sender": "\\ud800"}}', "a broken character"),
        ('{"format": "rcs-desk.campaign", "version": 1, "request": {"\\udfff": 1}}', "a broken character"),
        ('{"format": "rcs-desk.campaign", "version": 1, "request": {"sender": "\\ude00\\ud83d"}}', "broken character"),
    ],
    ids=[
        "nesting-200",
        "nesting-100000",
        "digits-40",
        "digits-5000",
        "nan",
        "infinity",
        "1e999",
        "surrogate",
        "surrogate-key",
        "reversed-pair",
    ],
)
def test_json_the_program_cannot_use_is_refused_in_plain_words(tmp_path, text, expected):
    message = refusal(write(tmp_path, text))
    assert message.startswith("spring.rcs.json cannot be opened: it ")
    assert expected in message


def test_lone_surrogates_are_refused_but_pairs_are_emoji(tmp_path):
    lone = json.dumps(campaign({**GOOD_REQUEST, "sender": "Shop \ud83d"}))
    assert "broken character" in refusal(write(tmp_path, lone))
    pair = json.dumps(campaign({**GOOD_REQUEST, "sender": "Shop 😀"}), ensure_ascii=True)
    assert "\\ud83d\\ude00" in pair
    assert load_campaign_file(write(tmp_path, pair)).campaign.sender == "Shop 😀"


def test_finding_the_depth_of_malformed_text_takes_linear_time():
    # '"\\"\\"…' with no closing quote: a pattern that needs the closing quote tried again from every
    # escaped quote, taking about a minute for these 100 KB (and days for 5 MB).
    text = '{"format": "rcs-desk.campaign", "x": "' + '\\"' * 50_000
    started = time.perf_counter()
    assert safe_json.nesting_depth(text) == 1
    assert time.perf_counter() - started < 1
    with pytest.raises(json.JSONDecodeError):
        safe_json.loads(text)


@pytest.mark.parametrize(
    "zone", ["A" * 300, "Europe", "zone.tab", "__init__.py", "../UTC", "/etc/localtime", "Europe/Kyiv/" + "x" * 255]
)
def test_odd_time_zone_names_are_refused_briefly(tmp_path, zone):
    message = refusal(write(tmp_path, json.dumps(campaign(time_zone=zone))))
    assert message.startswith("This campaign file names a time zone that does not exist: ")
    assert len(message) < 150  # a 300-byte name is not repeated in full
    if len(zone) > 40:
        assert f"({len(zone):,} characters)" in message


def test_a_time_zone_that_is_not_a_name_is_refused(tmp_path):
    message = refusal(write(tmp_path, json.dumps(campaign(time_zone=[["Europe/Kyiv"]] * 1000))))
    assert message == "This campaign file is damaged: its time zone is not a name."


@settings(max_examples=100, deadline=None)
@given(name=odd_time_zones | st.text())
def test_is_valid_time_zone_never_raises(name):
    assert is_valid_time_zone(name) in (True, False)


@pytest.mark.parametrize("zone", ["Etc/GMT+12", "Pacific/Kiritimati"])
def test_a_send_time_at_the_end_of_the_calendar_is_an_error_not_a_failed_check(tmp_path, zone):
    data = campaign({**GOOD_REQUEST, "start_at": "9999-12-31 23:59:59"}, time_zone=zone)
    document = load_campaign_file(write(tmp_path, json.dumps(data)))
    errors = [p for p in validate_document(document) if p.is_error]
    assert [p.path for p in errors] == ["start_at"]  # not "could not be checked completely"
    assert errors[0].message.startswith("A campaign can be scheduled at most 30 days ahead")


@pytest.mark.parametrize("key", ["²", "١٢", "1" * 1500, "-1", "01"])
def test_odd_list_ids_are_kept_as_read(tmp_path, key):
    # "²".isdigit() is true but int("²") raised; a 1500-digit id is no list id either.
    path = write(tmp_path, json.dumps(campaign(lists={key: {"name": "A list", "contacts": 5}})))
    document = load_campaign_file(path)
    assert document.lists == {} and document.extra["lists"] == {key: {"name": "A list", "contacts": 5}}


# --- More than the window can show quickly --------------------------------------------------------


def cards(count: int, buttons: int = 0) -> dict:
    card = {"text": "Hello", "suggestions": [{"text": "Go", "url": "https://example.com/"}] * buttons}
    return {**GOOD_REQUEST, "options": {"cards": [card] * count}}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            campaign(cards(1000)),
            "it holds 1,000 cards. A carousel can have at most 5 cards; a file with up to 10 still opens",
        ),
        (campaign(cards(limits.MAX_FILE_CARDS + 1)), "it holds 11 cards"),
        (
            campaign(cards(2, buttons=limits.MAX_FILE_BUTTONS + 1)),
            "card 1 has 5 buttons. A card can have at most 2 buttons;",
        ),
        (
            campaign({**GOOD_REQUEST, "groups": list(range(1, limits.MAX_FILE_GROUPS + 2))}),
            "it names 2,001 contact lists. A campaign can go to at most 1,000 lists",
        ),
        (
            campaign({**GOOD_REQUEST, "sender": "x" * (limits.MAX_FILE_TEXT + 1)}),
            f"it holds a text of {limits.MAX_FILE_TEXT + 1:,} characters (at most {limits.MAX_FILE_TEXT:,}",
        ),
        (campaign(x_note={"y" * (limits.MAX_FILE_TEXT + 1): 1}), f"it holds a text of {limits.MAX_FILE_TEXT + 1:,}"),
        (campaign(x_note=[[0, 0]] * 20_000), "it holds more than 50,000 values"),
        (campaign(x_note=[[[[[]]]]] * 13_000), "it holds more than 50,000 values"),
    ],
    ids=["1000-cards", "11-cards", "5-buttons", "2001-lists", "long-sender", "long-key", "values", "containers"],
)
def test_more_than_the_window_can_show_is_refused(tmp_path, data, expected):
    message = refusal(write(tmp_path, json.dumps(data)))
    assert message.startswith("spring.rcs.json cannot be opened: ")
    assert expected in message


def test_the_largest_accepted_file_is_read_validated_and_sent(tmp_path):
    data = largest_accepted_file()
    document = load_campaign_file(write(tmp_path, campaign_bytes(data)))
    assert document.campaign.options is not None and document.campaign.options.cards is not None
    assert len(document.campaign.options.cards) == limits.MAX_FILE_CARDS
    messages = [p.message for p in validate_document(document)]
    assert "A carousel can have at most 5 cards (this one has 10)." in messages  # shown, to be fixed
    dumps(send_body(document, "UTC"))
    data["x_padding"].append(0)  # one value more than the bound
    assert "more than 50,000 values" in refusal(write(tmp_path, campaign_bytes(data)))


# --- Fuzzing: whatever the bytes, a clear answer; what validates can be sent ----------------------


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


@FUZZ
@given(content=hostile_campaign_files)
def test_validate_command_answers_every_file_with_an_exit_code(tmp_path_factory, content):
    path = write(tmp_path_factory.mktemp("fuzz"), content)
    code, out, err = run_cli("validate", str(path))
    assert code in (EXIT_OK, EXIT_INPUT)
    assert "Traceback" not in out + err
    if code == EXIT_INPUT and not out:
        assert err.strip(), "a refused file is explained"


@FUZZ
@given(content=hostile_campaign_files)
def test_what_validates_can_be_sent_and_saved(tmp_path_factory, content):
    folder = tmp_path_factory.mktemp("fuzz")
    try:
        document = load_campaign_file(write(folder, content))
    except CampaignFileError as exc:
        assert exc.user_message.strip() and len(exc.user_message) < 400  # noqa: PT017 - refusing is one of two outcomes
        return
    if not has_errors(validate_document(document)):
        dumps(send_body(document, "UTC"))  # what validate passes, send can send
    saved = write(folder, document.to_bytes(), "saved.rcs.json")
    assert load_campaign_file(saved).to_json_dict() == document.to_json_dict()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_validate_command_refuses_a_fifo(tmp_path):
    fifo = tmp_path / "pipe.rcs.json"
    os.mkfifo(fifo)
    code, _out, err = run_cli("validate", str(fifo))
    assert code == EXIT_INPUT and "pipe.rcs.json is not a file" in err


def test_send_command_refuses_nan_before_anything_is_sent(tmp_path):
    path = write(tmp_path, json.dumps(campaign({**GOOD_REQUEST, "x_option": float("nan")})))
    code, _out, err = run_cli("--demo", "send", "--yes", str(path))
    assert code == EXIT_INPUT and "NaN, which is not a number" in err
