"""What the use cases need of marketing: whether campaigns exist (a fake in unit tests)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol


class CampaignDirectory(Protocol):
    def check_exist(self, campaign_ids: Iterable[str], field: str = "campaign_ids") -> None:
        """InvalidArgument for unknown ids, Unavailable when it cannot tell."""
