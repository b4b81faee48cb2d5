"""The documentation's own example request (shared/wwt-api.md, section 3)."""

from __future__ import annotations

from typing import Any


def documented_example(
    *, group: int = 0, sms_sender: str = "DomainShop", start_at: str = "2025-01-25 09:00:00"
) -> dict[str, Any]:
    """Section 3's example request, its "string" placeholders replaced by real values; no button types.

    A test against a server passes one of its lists, a registered SMS sender and a time within 30 days."""
    return {
        "groups": [group],
        "sender": "Agent Name",
        "options": {
            "cards": [
                {
                    "text": "Go to site",
                    "media": {"url": "https://domain.com/"},
                    "suggestions": [{"text": "Go to site", "url": "https://domain.com/"}],
                },
                {
                    "text": "Our spring collection",
                    "media": {"url": "https://cdn.domain.com/spring.jpg"},
                    "suggestions": [{"text": "See more", "url": "https://domain.com/spring"}],
                },
                {
                    "text": "Visit our store",
                    "media": {"url": "https://cdn.domain.com/store.png"},
                    "suggestions": [{"text": "Call the store", "phone": "380661231231"}],
                },
                {
                    "title": "Opening hours",
                    "text": "Every day 9:00-21:00",
                    "media": {"url": "https://cdn.domain.com/tour.mp4"},
                    "suggestions": [{"text": "Directions", "url": "https://domain.com/map"}],
                },
            ]
        },
        "alternative_channel": {
            "sms": {"text": "Hello, world!", "sender": sms_sender, "validity": 72, "check_stop_list": True}
        },
        "start_at": start_at,
        "tariff_code": 0,
        "validity": 72,
        "add_to_contact_book": True,
        "check_stop_list": True,
    }
