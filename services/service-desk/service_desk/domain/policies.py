"""The service desk's configurable rules, gathered for the use cases that need them."""

from __future__ import annotations

from dataclasses import dataclass, field

from service_desk.domain.follow_up_policy import FollowUpPolicy
from service_desk.domain.sla import SlaPolicy
from service_desk.domain.survey import SurveyPolicy


@dataclass(frozen=True)
class Policies:
    sla: SlaPolicy = field(default_factory=SlaPolicy)
    surveys: SurveyPolicy = field(default_factory=SurveyPolicy)
    follow_ups: FollowUpPolicy = field(default_factory=FollowUpPolicy)
