"""Which fact each observed event folds into, by which key and with which pure fold
(service/fold_batch.py applies them, inside the consumer's transaction)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reporting.domain.campaigns import CampaignFact, apply_campaign
from reporting.domain.deals import DealFact, DealGone, DealObserved, apply_deal, apply_deal_deleted
from reporting.domain.leads import LeadFact, LeadGone, LeadObserved, apply_lead, apply_lead_deleted
from reporting.domain.service_desk import (
    FollowUpFact,
    SurveyFact,
    TicketFact,
    apply_follow_up,
    apply_survey,
    apply_ticket,
)
from reporting.domain.stages import StageFact, StageSeen, apply_stage
from reporting.domain.timeline import (
    CustomerFact,
    SubjectGone,
    TimelineEntry,
    apply_customer,
    apply_entry,
    apply_gone,
)

# observation type -> (fact type, its key field, the fold)
FOLDS: dict[type, tuple[type, str, Callable[[Any, Any], Any]]] = {
    DealObserved: (DealFact, "deal_id", apply_deal),
    DealGone: (DealFact, "deal_id", apply_deal_deleted),
    LeadObserved: (LeadFact, "lead_id", apply_lead),
    LeadGone: (LeadFact, "lead_id", apply_lead_deleted),
    CampaignFact: (CampaignFact, "campaign_id", apply_campaign),
    TicketFact: (TicketFact, "ticket_id", apply_ticket),
    FollowUpFact: (FollowUpFact, "follow_up_id", apply_follow_up),
    SurveyFact: (SurveyFact, "survey_id", apply_survey),
    StageSeen: (StageFact, "code", apply_stage),
    TimelineEntry: (TimelineEntry, "key", apply_entry),
    CustomerFact: (CustomerFact, "customer_id", apply_customer),
    SubjectGone: (SubjectGone, "key", apply_gone),
}
