"""The composer's editor tabs, in order, and which request paths each one edits (for its error badge)."""

MESSAGE_TAB, RECIPIENTS_TAB, SCHEDULE_TAB, SMS_TAB = range(4)

TAB_PATHS = (
    ("options", "sender"),
    ("groups",),
    ("start_at", "validity", "time_zone"),
    ("alternative_channel",),
)
