"""Checks of ``options``: the plain text message, or the cards with their media and buttons."""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import unquote

from app.campaign import limits
from app.campaign.phone_numbers import number_problem
from app.campaign.text_units import digits_only
from app.language import tr, tr_n
from app.validation.problems import join_path
from app.validation.values import Report, check_web_address, count, host_matches, units

# Advisory thresholds (not server limits): phones show about this much card text before cutting it
# off. Carousel cards all get the height of the tallest allowed layout, so their text is cut sooner.
CARD_TEXT_SHOWN = 500
CAROUSEL_CARD_TEXT_SHOWN = 200


def _media_types() -> str:
    """``pictures: JPEG, JPG, GIF, PNG; videos: H263, …`` in the current language."""
    # Translators: the file types RCS can show, listed ("JPEG, JPG, GIF, PNG").
    return tr("pictures: {picture_types}; videos: {video_types}").format(
        picture_types=", ".join(ext.upper() for ext in limits.IMAGE_EXTENSIONS),
        video_types=", ".join(ext.upper() for ext in limits.VIDEO_EXTENSIONS),
    )


def check_options(report: Report, options: Any) -> None:
    """Every problem of the message content."""
    path = "options"
    if options is None:
        report.error(path, tr("The message is empty: write a text or add a card."))
        return
    if not isinstance(options, dict):
        report.error(path, tr("The message could not be read: write it again."))
        return
    has_text = options.get("text") is not None
    has_cards = options.get("cards") is not None
    if has_text and has_cards:
        report.error(path, tr("The message can be a plain text or cards, not both: remove one of them."))
    elif not has_text and not has_cards:
        report.error(path, tr("The message is empty: write a text or add a card."))
    if has_text:
        _check_text_message(report, options["text"], "options.text")
        if not has_cards and options.get("suggestions") not in (None, []):
            report.error(
                "options.suggestions",
                tr("A plain text message cannot have buttons: turn it into a rich card to add buttons."),
            )
    if has_cards:
        _check_cards(report, options["cards"], "options.cards")


def _check_text_message(report: Report, text: Any, path: str) -> None:
    if isinstance(text, str) and not text.strip():
        report.error(path, tr("Write the message text."))
    elif not isinstance(text, str):
        report.error(path, tr("The message text could not be read: type it again."))
    else:
        length = units(text)
        if length > limits.TEXT_MESSAGE_MAX:
            said = tr_n(
                "A plain text message can have at most {max} character (this one has {count}; emoji count 2 or "
                "more). Make it a rich card for up to {card_max} characters.",
                "A plain text message can have at most {max} characters (this one has {count}; emoji count 2 or "
                "more). Make it a rich card for up to {card_max} characters.",
                limits.TEXT_MESSAGE_MAX,
            )
            numbers = {"max": limits.TEXT_MESSAGE_MAX, "count": count(length), "card_max": count(limits.CARD_TEXT_MAX)}
            report.error(path, said.format(**numbers))


def _check_cards(report: Report, cards: Any, path: str) -> None:
    if not isinstance(cards, list):
        report.error(path, tr("The cards could not be read: add them again."))
        return
    if len(cards) < limits.CARDS_MIN:
        report.error(path, tr("Add at least one card."))
    elif len(cards) > limits.CARDS_MAX:
        said = tr_n(
            "A carousel can have at most {max} card (this one has {count}).",
            "A carousel can have at most {max} cards (this one has {count}).",
            limits.CARDS_MAX,
        )
        report.error(path, said.format(max=limits.CARDS_MAX, count=len(cards)))
    carousel = len(cards) >= limits.CAROUSEL_MIN
    for index, card in enumerate(cards):
        _check_card(report, card, join_path(path, index), index + 1, carousel)


def _check_card(report: Report, card: Any, path: str, number: int, carousel: bool) -> None:
    if not isinstance(card, dict):
        # Translators: begin with the card's place as it is named elsewhere ("Card 2"): it is not said twice then.
        report.error(path, tr("Card {number} could not be read: remove it and add it again.").format(number=number))
        return
    title, text, media = card.get("title"), card.get("text"), card.get("media")
    if "title" in card and not isinstance(title, str):
        report.error(join_path(path, "title"), tr("The card title could not be read: type it again."))
    elif isinstance(title, str) and units(title) > limits.CARD_TITLE_MAX:
        said = tr_n(
            "A card title can have at most {max} character (this one has {count}).",
            "A card title can have at most {max} characters (this one has {count}).",
            limits.CARD_TITLE_MAX,
        )
        report.error(join_path(path, "title"), said.format(max=limits.CARD_TITLE_MAX, count=count(units(title))))
    if text is None and media is None:
        # Translators: begin with the card's place as it is named elsewhere ("Card 2"): it is not said twice then.
        report.error(path, tr("Card {number} needs a picture or video, or a text.").format(number=number))
    else:
        if "text" in card:
            _check_card_text(report, text, join_path(path, "text"), carousel)
        if "media" in card:
            _check_media(report, media, join_path(path, "media"))
    if "suggestions" in card:
        _check_suggestions(report, card["suggestions"], join_path(path, "suggestions"))


def _check_card_text(report: Report, text: Any, path: str, carousel: bool) -> None:
    if text is None or (isinstance(text, str) and not text.strip()):
        report.error(path, tr("The card text is empty: write a text, or remove it and keep only the picture or video."))
        return
    if not isinstance(text, str):
        report.error(path, tr("The card text could not be read: type it again."))
        return
    length = units(text)
    if length > limits.CARD_TEXT_MAX:
        said = tr_n(
            "A card text can have at most {max} character (this one has {count}).",
            "A card text can have at most {max} characters (this one has {count}).",
            limits.CARD_TEXT_MAX,
        )
        report.error(path, said.format(max=count(limits.CARD_TEXT_MAX), count=count(length)))
        return
    shown = CAROUSEL_CARD_TEXT_SHOWN if carousel else CARD_TEXT_SHOWN
    if length > shown:
        if carousel:
            said = tr_n(
                "Phones usually show about {shown} character of text on carousel cards and cut off the rest "
                "(this one has {count}). Put the important part first.",
                "Phones usually show about {shown} characters of text on carousel cards and cut off the rest "
                "(this one has {count}). Put the important part first.",
                shown,
            )
        else:
            said = tr_n(
                "Phones usually show about {shown} character of text on cards and cut off the rest "
                "(this one has {count}). Put the important part first.",
                "Phones usually show about {shown} characters of text on cards and cut off the rest "
                "(this one has {count}). Put the important part first.",
                shown,
            )
        report.warning(path, said.format(shown=shown, count=count(length)))


def _check_media(report: Report, media: Any, path: str) -> None:
    if media is None:
        report.error(path, tr("The picture or video is missing: enter its web address, or remove it."))
        return
    if not isinstance(media, dict):
        report.error(path, tr("The picture or video could not be read: enter its web address again."))
        return
    url_path = join_path(path, "url")
    parts = check_web_address(report, media.get("url"), url_path, tr("The address of the picture or video"))
    if parts is None:
        return
    host = parts.hostname or ""
    if host_matches(host, limits.LINK_SHORTENERS):
        report.warning(
            url_path,
            # Translators: {site} is a web site such as "bit.ly".
            tr(
                "{site} is a link shortener: Google's RCS platform refuses shortened or redirecting addresses "
                "for pictures and videos. Use the direct address of the file."
            ).format(site=host),
        )
    if parts.scheme.lower() == "http":
        report.warning(
            url_path,
            tr(
                "Some phones refuse pictures and videos from http:// addresses: "
                "use an https:// address if the site has one."
            ),
        )
    extension = media_extension(parts.path)
    if extension and extension not in limits.IMAGE_EXTENSIONS + limits.VIDEO_EXTENSIONS:
        report.warning(
            url_path,
            # Translators: {extension} is the end of the file's name ("webp"); {types} lists the types RCS can show.
            tr(
                "The address ends in .{extension}, which is not a type RCS can show ({types}). "
                "Check the preview: if it shows no picture or video, phones will not either."
            ).format(extension=extension, types=_media_types()),
        )


def media_extension(url_path: str) -> str:
    """Lower-case extension of the last path segment (``"/a/b.JPG"`` -> ``"jpg"``), or ``""``."""
    name = posixpath.basename(unquote(url_path))
    stem, dot, extension = name.rpartition(".")
    if not dot or not stem or not extension.isalnum():
        return ""
    return extension.lower()


def _check_suggestions(report: Report, suggestions: Any, path: str) -> None:
    if not isinstance(suggestions, list):
        report.error(path, tr("The buttons of this card could not be read: add them again."))
        return
    if len(suggestions) > limits.SUGGESTIONS_MAX:
        said = tr_n(
            "A card can have at most {max} button (this one has {count}).",
            "A card can have at most {max} buttons (this one has {count}).",
            limits.SUGGESTIONS_MAX,
        )
        report.error(path, said.format(max=limits.SUGGESTIONS_MAX, count=len(suggestions)))
    for index, suggestion in enumerate(suggestions):
        _check_suggestion(report, suggestion, join_path(path, index), index + 1)


def _check_suggestion(report: Report, button: Any, path: str, number: int) -> None:
    if not isinstance(button, dict):
        # Translators: begin with the button's place as it is named elsewhere ("button 1").
        report.error(path, tr("Button {number} could not be read: remove it and add it again.").format(number=number))
        return
    _check_button_text(report, button.get("text"), join_path(path, "text"))
    url, phone, kind = button.get("url"), button.get("phone"), button.get("type")
    if "type" in button and kind not in ("link", "call"):
        report.error(join_path(path, "type"), tr("Choose what the button does: open a link or call a number."))
        kind = None
    if url is not None and phone is not None:
        report.error(
            path, tr("A button either opens a link or calls a number, not both: remove the link or the number.")
        )
    elif kind == "link" and phone is not None:
        report.error(path, tr("This button is set to open a link but has a phone number: enter a link instead."))
    elif kind == "call" and url is not None:
        report.error(path, tr("This button is set to call a number but has a link: enter a phone number instead."))
    elif url is None and phone is None:
        if kind == "call":
            report.error(join_path(path, "phone"), tr("Enter the phone number this button calls."))
        elif kind == "link":
            report.error(join_path(path, "url"), tr("Enter the web address this button opens."))
        else:
            report.error(path, tr("Enter the web address the button opens, or the phone number it calls."))
    if url is not None:
        check_web_address(report, url, join_path(path, "url"), tr("The button's link"))
    if phone is not None:
        _check_phone(report, phone, join_path(path, "phone"))
    postback = button.get("postback_data")
    if "postback_data" in button and not isinstance(postback, str):
        report.error(join_path(path, "postback_data"), tr("The button's reply data must be text."))
    elif isinstance(postback, str) and units(postback) > limits.POSTBACK_DATA_MAX:
        said = tr_n(
            "The button's reply data can have at most {max} character (this one has {count}).",
            "The button's reply data can have at most {max} characters (this one has {count}).",
            limits.POSTBACK_DATA_MAX,
        )
        report.error(
            join_path(path, "postback_data"), said.format(max=limits.POSTBACK_DATA_MAX, count=count(units(postback)))
        )


def _check_button_text(report: Report, text: Any, path: str) -> None:
    if text is None or (isinstance(text, str) and not text.strip()):
        report.error(path, tr("Write the text shown on the button."))
    elif not isinstance(text, str):
        report.error(path, tr("The button text could not be read: type it again."))
    elif units(text) > limits.SUGGESTION_TEXT_MAX:
        said = tr_n(
            "Button text can have at most {max} character (this one has {count}).",
            "Button text can have at most {max} characters (this one has {count}).",
            limits.SUGGESTION_TEXT_MAX,
        )
        report.error(path, said.format(max=limits.SUGGESTION_TEXT_MAX, count=units(text)))


def _check_phone(report: Report, phone: Any, path: str) -> None:
    if not isinstance(phone, str) or not phone or not phone.isascii() or not phone.isdigit():
        digits = digits_only(phone) if isinstance(phone, str) else ""
        if limits.CALL_PHONE_MIN_DIGITS <= len(digits) <= limits.CALL_PHONE_MAX_DIGITS:
            # Translators: {digits} is the number written as it must be ("380661231231").
            said = tr("The phone number must be digits only, without + or spaces (write it as {digits}).")
            report.error(path, said.format(digits=digits))
        else:
            report.error(
                path, tr("The phone number must be digits only, without + or spaces (for example 380661231231).")
            )
        return
    if not limits.CALL_PHONE_MIN_DIGITS <= len(phone) <= limits.CALL_PHONE_MAX_DIGITS:
        said = tr("The phone number must have {min} to {max} digits, country code included (this one has {count}).")
        report.error(
            path, said.format(min=limits.CALL_PHONE_MIN_DIGITS, max=limits.CALL_PHONE_MAX_DIGITS, count=len(phone))
        )
    elif report.phone_plans and (problem := number_problem(phone, _as_written(phone))) is not None:
        report.error(path, problem)  # 9 to 15 digits, but one short for Ukraine: the call would go nowhere


def _as_written(digits: str) -> str:
    """The number as its problem quotes it: ``+380441234567``; ``0441234567`` (written without its country code)."""
    return digits if digits.startswith("0") else f"+{digits}"
