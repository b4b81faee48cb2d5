"""Every documented limit of WWT.world's RCS send-groups request, in one table.

The numbers come from the One-API documentation (see ``shared/wwt-api.md``).
Where pages disagree, the value the documentation notes tell us to use is taken;
change a number here and every check (client validation and the demo server) follows.
"""

from __future__ import annotations

# Campaign (section 3)
GROUPS_MIN = 1
GROUPS_MAX = 1000
SENDER_MIN = 1
SENDER_MAX = 40
VALIDITY_MIN_HOURS = 1
VALIDITY_MAX_HOURS = 72
VALIDITY_DEFAULT_HOURS = 72
SCHEDULE_DAYS = 30  # today is day 1; last moment is 23:59:59 of day 30
START_AT_FORMAT = "%Y-%m-%d %H:%M:%S"
CONTACTS_PER_CAMPAIGN = 5000

# Message (section 4). Lengths are UTF-16 code units.
TEXT_MESSAGE_MAX = 160
CARDS_MIN = 1
CARDS_MAX = 5  # the schema allows 10, the RCS page says 5
CAROUSEL_MIN = 2
CARD_TITLE_MAX = 200
CARD_TEXT_MAX = 1000
URL_MAX = 1000
SUGGESTIONS_MAX = 2  # the schema allows 4, the RCS page says 2
SUGGESTION_TEXT_MAX = 25
POSTBACK_DATA_MAX = 25
CALL_PHONE_MIN_DIGITS = 9
CALL_PHONE_MAX_DIGITS = 15
URL_SCHEMES = ("http", "https")

IMAGE_EXTENSIONS = ("jpeg", "jpg", "gif", "png")
VIDEO_EXTENSIONS = ("h263", "m4v", "mp4", "mpeg", "mpeg4", "webm")
IMAGE_MAX_BYTES = 2 * 1024 * 1024
VIDEO_MAX_BYTES = 10 * 1024 * 1024

# Hosts of URL shorteners: Google's RCS platform rejects shortened or redirecting media URLs.
LINK_SHORTENERS = frozenset(
    {
        "bit.ly",
        "bitly.com",
        "tinyurl.com",
        "t.co",
        "goo.gl",
        "ow.ly",
        "is.gd",
        "buff.ly",
        "rebrand.ly",
        "cutt.ly",
        "shorturl.at",
        "rb.gy",
        "t.ly",
        "tiny.cc",
        "bl.ink",
        "lnkd.in",
        "s.id",
        "v.gd",
        "shorte.st",
        "adf.ly",
        "clck.ru",
        "qr.ae",
        "trib.al",
        "dlvr.it",
        "fb.me",
        "youtu.be",
        "amzn.to",
        "wp.me",
        "surl.li",
        "shorturl.me",
        "short.io",
        "tr.ee",
        "x.co",
    }
)
UNSUBSCRIBE_LINK_PREFIX = "http://nosms.cc/"

# SMS fallback (section 5)
SMS_MAX_PARTS = 5
SMS_GSM7_MAX = 765  # 5 x 153
SMS_UCS2_MAX = 335  # 5 x 67 (one page says 355: 335 is used)
SMS_GSM7_SINGLE = 160
SMS_GSM7_PART = 153
SMS_UCS2_SINGLE = 70
SMS_UCS2_PART = 67
SMS_SENDER_ALNUM_MIN = 3
SMS_SENDER_ALNUM_MAX = 11
SMS_SENDER_DIGITS_MIN = 3
SMS_SENDER_DIGITS_MAX = 15

# Contact lists paging (section 2)
GROUPS_PAGE_LIMIT = 500
CAMPAIGNS_PAGE_MIN = 30
CAMPAIGNS_PAGE_MAX = 500

# Campaign statuses (section 6)
CAMPAIGN_STATUSES = ("creation", "scheduled", "sending", "done", "paused", "stopped", "spam", "moderation")
STOPPABLE_STATUSES = frozenset({"scheduled", "sending", "paused", "moderation"})

# Campaign files (*.rcs.json): not server limits, but what the program reads at all. Each bound is
# far above any real campaign (one to 1,000 named lists is about 100 KB and 7,000 values) and keeps
# a damaged or hostile file from hanging the program or exhausting its memory or recursion limit.
# The window builds widgets for every card, button, list and text, so the bounds also keep opening
# the largest file that is read well under a second (about 0.5 s on 2 cores: 10 cards of 4 buttons,
# every text 2,000 characters, 2,000 lists). A file outside them is refused with a message.
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILE_DEPTH = 64  # nesting of arrays and objects; a campaign nests 6 deep
MAX_FILE_VALUES = 50_000  # texts, numbers, lists and object members in all
MAX_FILE_TEXT = 10_000  # characters in any one text: ten times the longest that can be sent; the editor stops there too
MAX_FILE_GROUPS = 2 * GROUPS_MAX
MAX_FILE_CARDS = 10  # what the schema allows (the RCS page says 5)
MAX_FILE_BUTTONS = 4  # per card: what the schema allows (the RCS page says 2)
MAX_TIME_ZONE_NAME = 64  # the longest IANA name has 32 characters
