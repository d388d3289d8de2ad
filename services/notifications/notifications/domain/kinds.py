"""What a notification may be about, how a user may want each kind, and how often e-mail."""

from __future__ import annotations

from crm_platform.errors import InvalidArgument

KINDS: tuple[str, ...] = (
    "task_due",
    "task_overdue",
    "follow_up_due",
    "follow_up_overdue",
    "ticket_assigned",
    "ticket_sla_warning",
    "ticket_sla_breached",
    "lead_assigned",
    "deal_assigned",
    "deal_moved",
    "deal_closed",
    "survey_low_score",
)
CHANNELS: tuple[str, ...] = ("in_app", "email", "both", "none")
FREQUENCIES: tuple[str, ...] = ("immediate", "daily_digest")

# A user who never chose: shown in-app and e-mailed at once (what the "done when" does:
# the bell goes up and the e-mail arrives).
DEFAULT_CHANNEL = "both"
DEFAULT_FREQUENCY = "immediate"


def shows_in_app(channel: str) -> bool:
    return channel in ("in_app", "both")


def sends_email(channel: str) -> bool:
    return channel in ("email", "both")


def checked_preferences(preferences: dict[str, str]) -> dict[str, str]:
    for kind, channel in preferences.items():
        if kind not in KINDS:
            raise InvalidArgument.field("preferences", f"unknown kind {kind!r}")
        if channel not in CHANNELS:
            raise InvalidArgument.field(
                f"preferences.{kind}", f"must be one of {', '.join(CHANNELS)}"
            )
    return preferences


def checked_frequency(frequency: str) -> str:
    if frequency not in FREQUENCIES:
        raise InvalidArgument.field("email_frequency", f"must be one of {', '.join(FREQUENCIES)}")
    return frequency
