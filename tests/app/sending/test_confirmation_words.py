"""The confirmation's words: problems grouped by card and said once, the SMS cost without encoding names."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from app.campaign.file import load_campaign_file
from app.sending.summary import group_by_place, pictures_words, send_anyway_text, send_summary
from app.validation import Problem, validate_document

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"
HTTP = "Some phones refuse pictures and videos from http:// addresses: use an https:// address if the site has one."


def test_the_same_warning_on_five_cards_is_said_once_with_the_card_numbers():
    problems = [Problem(f"options.cards[{i}].media.url", "warning", HTTP) for i in range(5)]
    [group] = group_by_place(problems)
    assert group.place == "Cards 1, 2, 3, 4 and 5"
    assert [p.message for p in group.problems] == [HTTP]


def test_groups_follow_the_window_with_errors_first_and_buttons_named():
    problems = [
        Problem("groups", "warning", "Too many contacts."),
        Problem("options.cards[1].suggestions[0].url", "warning", "A shortened link."),
        Problem("options.cards[0].media.url", "warning", HTTP),
        Problem("options.cards[1].media.url", "warning", HTTP),
        Problem("options.cards[1].media", "error", "The picture will not show on phones.", overridable=True),
        Problem("alternative_channel.sms.text", "warning", "Costs more."),
    ]
    groups = [(g.place, [(p.severity, p.message) for p in g.problems]) for g in group_by_place(problems)]
    assert groups == [  # in the window's order: cards by number, then recipients, then the SMS fallback
        ("Cards 1 and 2", [("warning", HTTP)]),
        ("Card 2", [("error", "The picture will not show on phones."), ("warning", "Button 1: A shortened link.")]),
        ("Recipients", [("warning", "Too many contacts.")]),
        ("SMS fallback", [("warning", "Costs more.")]),
    ]


def test_a_problem_repeated_at_one_place_is_said_once():
    problem = Problem("options.cards[0].media.url", "warning", HTTP)
    [group] = group_by_place([problem, problem])
    assert group.place == "Card 1" and len(group.problems) == 1


@given(
    st.lists(
        st.builds(
            Problem,
            st.sampled_from(
                ["", "groups", "start_at", "options.cards[0].title", "options.cards[2].suggestions[1].url"]
            ),
            st.sampled_from(["error", "warning"]),
            st.sampled_from(["a", "b", "Card 1 could not be read."]),
        ),
        max_size=12,
    )
)
def test_grouping_keeps_every_message(problems):
    groups = group_by_place(problems)
    said = [p.message for g in groups for p in g.problems]
    assert len(said) == len({(g.place, p.message, p.severity) for g in groups for p in g.problems})
    for problem in problems:
        assert any(message.endswith(problem.message) for message in said)


def test_send_anyway_names_the_cards():
    one = [Problem("options.cards[1].media", "error", "x", overridable=True)]
    assert send_anyway_text(one) == "Send anyway: card 2's picture will not show"
    two = [Problem(f"options.cards[{i}].media", "error", "x", overridable=True) for i in (0, 2)]
    assert send_anyway_text(two) == "Send anyway: the pictures of cards 1 and 3 will not show"
    assert pictures_words([Problem("groups", "error", "x", overridable=True)]) == ""


def test_the_sms_line_says_how_many_sms_not_the_encoding():
    document = load_campaign_file(EXAMPLES / "spring-sale.rcs.json")
    document.campaign.sms.text = "Spring sale — “30%” off… " + "x" * 70  # Unicode: 2 SMS, 1 without the marks
    lines = {line.label: line.value for line in send_summary(document, local_zone="Europe/Kyiv")}
    assert lines["SMS fallback"] == "On, from WWTshop: 2 SMS to each phone without RCS"
    everything = " ".join(lines.values()) + " ".join(p.message for p in validate_document(document))
    assert "UCS-2" not in everything and "GSM-7" not in everything
    [cost] = [p.message for p in validate_document(document) if p.path == "alternative_channel.sms.text"]
    assert "Each phone without RCS gets 2 SMS instead of 1 (2x the price). Replacing the 4 marked characters" in cost
