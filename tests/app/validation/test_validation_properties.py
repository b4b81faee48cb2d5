"""Properties: validation never raises, SMS counts are consistent, files and models are lossless."""

from __future__ import annotations

import copy
import math
from datetime import UTC

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.campaign import limits
from app.campaign.file import document_from_json
from app.campaign.model import Campaign
from app.campaign.sms import GSM7_EXTENSION, count_sms, is_gsm7, replace_typographic, unicode_positions
from app.campaign.text_units import utf16_len
from app.validation import Problem, validate_request
from app.validation.request import INCOMPLETE_CHECK
from helpers.campaign_strategies import NOW, ZONES, any_json, campaign_files, campaigns, list_contacts

# The number of examples comes from the Hypothesis profile (tests/conftest.py: "ci" 50, "thorough" 1,000).
PROPERTY = settings(suppress_health_check=[HealthCheck.too_slow])

TOP_LEVEL = {
    "",
    "groups",
    "sender",
    "options",
    "start_at",
    "time_zone",
    "validity",
    "tariff_code",
    "check_stop_list",
    "add_to_contact_book",
    "alternative_channel",
}
zones = st.sampled_from([*ZONES, "Not/AZone", ""])
moments = st.datetimes(timezones=st.just(UTC))


def assert_well_formed(problems: list[Problem]) -> None:
    assert isinstance(problems, list)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.severity in ("error", "warning")
        assert isinstance(problem.message, str) and problem.message.strip()
        assert problem.message != INCOMPLETE_CHECK, "a check raised internally"
        root = problem.path.split(".")[0].split("[")[0]
        assert root in TOP_LEVEL, problem.path


@PROPERTY
@given(request=any_json, zone=zones, now=moments)
def test_never_raises_on_any_json(request, zone, now):
    assert_well_formed(validate_request(request, time_zone=zone, now=now))


@PROPERTY
@given(request=campaigns, zone=zones, contacts=list_contacts)
def test_never_raises_on_campaign_like_requests(request, zone, contacts):
    before = copy.deepcopy(request)
    problems = validate_request(request, time_zone=zone, now=NOW, list_contacts=contacts)
    assert_well_formed(problems)
    assert request == before, "validation must not change the request"
    assert problems == validate_request(request, time_zone=zone, now=NOW, list_contacts=contacts)


@PROPERTY
@given(text=st.text(max_size=400) | st.text(st.sampled_from(["a", "€", "я", "😀", "{"]), max_size=800))
def test_sms_count_is_consistent(text):
    count = count_sms(text)
    gsm = count.encoding == "GSM-7"
    assert count.characters == len(text)
    assert gsm is (count.unicode_characters == ()) is (unicode_positions(text) == [])
    assert set(count.unicode_characters) == {text[i] for i in unicode_positions(text)}
    assert all(not is_gsm7(c) for c in count.unicode_characters)
    if gsm:
        assert count.units == len(text) + sum(1 for c in text if c in GSM7_EXTENSION)
        single, per = limits.SMS_GSM7_SINGLE, limits.SMS_GSM7_PART
    else:
        assert count.units == utf16_len(text)
        single, per = limits.SMS_UCS2_SINGLE, limits.SMS_UCS2_PART
    if count.units == 0:
        assert count.parts == 0
    elif count.units <= single:
        assert (count.parts, count.per_part) == (1, single)
        assert count.left_in_part == single - count.units
    else:
        assert count.per_part == per
        # Whole pieces of at most 2 units: every part but the last holds per - 1 or per units.
        assert math.ceil(count.units / per) <= count.parts <= math.ceil(count.units / (per - 1))
        assert (count.parts - 1) * (per - 1) < count.units <= count.parts * per - count.left_in_part
    assert 0 <= count.left_in_part <= count.per_part
    assert count.too_long is (count.parts > limits.SMS_MAX_PARTS)


@PROPERTY
@given(text=st.text(max_size=200))
def test_replace_typographic_never_adds_unicode(text):
    replaced = replace_typographic(text)
    assert set(count_sms(replaced).unicode_characters) <= set(count_sms(text).unicode_characters)


@PROPERTY
@given(request=campaigns)
def test_request_model_round_trip_is_lossless(request):
    assert Campaign.from_request(request).to_request() == request


@PROPERTY
@given(data=campaign_files)
def test_campaign_file_round_trip_is_lossless(data):
    document = document_from_json(copy.deepcopy(data), default_time_zone="UTC")
    assert document.to_json_dict() == data
    assert document_from_json(document.to_json_dict(), default_time_zone="UTC").to_json_dict() == data
