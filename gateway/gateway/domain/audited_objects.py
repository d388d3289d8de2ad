"""Which service keeps the audit log of each object type: the audit route asks that one, or
reads the gateway's own log for the security changes it makes itself."""

from __future__ import annotations

GATEWAY = "gateway"

OWNER_OF = {
    "user": GATEWAY,
    "api_token": GATEWAY,
    "campaign": "marketing",
    "campaign_note": "marketing",
    "lead": "sales",
    "customer": "sales",
    "contact": "sales",
    "deal": "sales",
    "note": "sales",
    "ticket": "service-desk",
    "ticket_comment": "service-desk",
    "follow_up": "service-desk",
    "survey": "service-desk",
}
