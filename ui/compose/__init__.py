"""Composing a campaign: the message editor, the lists, the schedule, the SMS fallback, the phone preview."""
