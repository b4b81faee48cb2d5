"""Sending a campaign: the exact request (``body``) and the one path every send takes (``pipeline``);
a test on the user's own phones (``app.test_sends``) keeps the same rules."""

from __future__ import annotations

from app.sending.body import send_body, start_at_in_zone

__all__ = ["send_body", "start_at_in_zone"]
