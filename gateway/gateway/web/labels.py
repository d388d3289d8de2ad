"""Names shown for the codes the services use (stages, statuses, sources), translated.

A code missing here shows the dictionary's own name, or the code itself.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

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
DEAL_STAGES = {
    "qualification": _l("Qualification"),
    "needs_analysis": _l("Needs analysis"),
    "value_proposition": _l("Value proposition"),
    "decision_makers": _l("Decision makers"),
    "proposal": _l("Proposal"),
    "negotiation": _l("Negotiation"),
    "closed_won": _l("Closed won"),
    "closed_lost": _l("Closed lost"),
    "lost_to_competitor": _l("Lost to competitor"),
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
    "stage": DEAL_STAGES,
    "lead_state": LEAD_STATES,
    "lead_source": LEAD_SOURCES,
}


def label(code: str | None, kind: str) -> str:
    if not code:
        return ""
    return str(KINDS[kind].get(code, code.replace("_", " ")))
