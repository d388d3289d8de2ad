"""Which service keeps the audit log of each object type: the audit route asks that one."""

from __future__ import annotations

OWNER_OF = {
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
