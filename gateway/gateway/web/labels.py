"""Names shown for the codes the services use (stages, statuses, sources), translated.

Deal stages are the sales dictionary's own (sales declares them once, in its domain): a
stage shows the dictionary's name, through the catalog for the page's language. Any other
code missing here shows itself.
"""

from __future__ import annotations

from flask import g
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from crm_platform.errors import DomainError
from gateway.web.calls import dictionary

CAMPAIGN_STATUSES = {
    "planned": _l("Planned"),
    "active": _l("Active"),
    "completed": _l("Completed"),
    "aborted": _l("Aborted"),
}
CAMPAIGN_TYPES = {
    "conference": _l("Conference"),
    "trade_show": _l("Trade show"),
    "webinar": _l("Webinar"),
    "email": _l("Email"),
    "advertisement": _l("Advertisement"),
    "partner": _l("Partner"),
    "other": _l("Other"),
}
LEAD_STATES = {
    "not_contacted": _l("Not contacted"),
    "attempted_contact": _l("Attempted contact"),
    "contacted": _l("Contacted"),
    "contact_in_future": _l("Contact in future"),
    "pre_qualified": _l("Pre-qualified"),
    "junk": _l("Junk"),
    "lost": _l("Lost"),
    "converted": _l("Converted"),
}
LEAD_SOURCES = {
    "advertisement": _l("Advertisement"),
    "cold_call": _l("Cold call"),
    "employee_referral": _l("Employee referral"),
    "external_referral": _l("External referral"),
    "online_store": _l("Online store"),
    "partner": _l("Partner"),
    "public_relations": _l("Public relations"),
    "sales_email": _l("Sales email"),
    "partner_seminar": _l("Partner seminar"),
    "internal_seminar": _l("Internal seminar"),
    "trade_show": _l("Trade show"),
    "web_download": _l("Web download"),
    "web_research": _l("Web research"),
    "chat": _l("Chat"),
}
KINDS = {
    "campaign_status": CAMPAIGN_STATUSES,
    "campaign_type": CAMPAIGN_TYPES,
    "lead_state": LEAD_STATES,
    "lead_source": LEAD_SOURCES,
}


def label(code: str | None, kind: str) -> str:
    if not code:
        return ""
    names = stage_names() if kind == "stage" else KINDS[kind]
    return str(names.get(code, code.replace("_", " ")))


def stage_names() -> dict[str, str]:
    """The dictionary's stage names by code, translated; read once per request."""
    if "stage_names" not in g:
        try:
            stages = dictionary().deal_stages
        except DomainError:  # sales down: a report or timeline still shows, with the codes
            stages = []
        g.stage_names = {s.code: gettext(s.name) for s in stages}
    return g.stage_names


# Customer, contact, service-desk and user pages.
FOLLOW_UP_STATES = {
    "scheduled": _l("Scheduled"),
    "done": _l("Done"),
    "cancelled": _l("Cancelled"),
}
TICKET_STATES = {
    "new": _l("New"),
    "accepted": _l("Accepted"),
    "in_progress": _l("In progress"),
    "resolved": _l("Resolved"),
    "closed": _l("Closed"),
}
TICKET_PRIORITIES = {
    "low": _l("Low"),
    "normal": _l("Normal"),
    "high": _l("High"),
    "urgent": _l("Urgent"),
}
TICKET_CATEGORIES = {
    "complaint": _l("Complaint"),
    "inquiry": _l("Inquiry"),
    "suggestion": _l("Suggestion"),
    "repair": _l("Repair"),
    "other": _l("Other"),
}
TICKET_ACTIONS = {
    "accept": _l("Accept"),
    "start": _l("Start work"),
    "resolve": _l("Resolve"),
    "close": _l("Close"),
    "reopen": _l("Reopen"),
}
ROLE_NAMES = {
    "admin": _l("Administrator"),
    "manager": _l("Manager"),
    "marketing": _l("Marketing"),
    "sales": _l("Sales"),
    "service": _l("Service"),
    "integration": _l("Integration account"),
}
TIMELINE_KINDS = {
    "contact": _l("Contact added"),
    "deal": _l("Deal opened"),
    "stage": _l("Deal moved"),
    "note": _l("Note"),
    "follow_up": _l("Follow-up scheduled"),
    "follow_up_done": _l("Follow-up done"),
    "ticket": _l("Ticket opened"),
    "ticket_resolved": _l("Ticket resolved"),
    "survey": _l("Survey answered"),
}
KINDS.update(
    follow_up_state=FOLLOW_UP_STATES,
    ticket_state=TICKET_STATES,
    priority=TICKET_PRIORITIES,
    ticket_category=TICKET_CATEGORIES,
    ticket_action=TICKET_ACTIONS,
    role=ROLE_NAMES,
    timeline=TIMELINE_KINDS,
)
TICKET_CHANNELS = {
    "phone": _l("Phone"),
    "email": _l("Email"),
    "web": _l("Web"),
    "chat": _l("Chat"),
    "visit": _l("Visit"),
    "other": _l("Other"),
}
KINDS.update(ticket_channel=TICKET_CHANNELS)
