"""The ticket state machine: new → accepted → in_progress → resolved → closed, and reopen.

Each action names the states it may start from; anything else is an illegal transition,
answered as a conflict that lists what the ticket's state does allow.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from crm_platform.errors import AlreadyExists
from crm_platform.validation import Violations
from service_desk.domain.sla import breached
from service_desk.domain.ticket import TEXT_MAX, Ticket

STATES = ("new", "accepted", "in_progress", "resolved", "closed")
# action → (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "accept": (("new",), "accepted"),
    "start": (("accepted",), "in_progress"),
    "resolve": (("in_progress",), "resolved"),
    "close": (("resolved",), "closed"),
    # Back to work: the customer says it is not fixed after all.
    "reopen": (("resolved", "closed"), "in_progress"),
}
ACTIONS = tuple(TRANSITIONS)


class IllegalTransition(AlreadyExists):
    """The action conflicts with the ticket's state (409); `allowed` says what would not."""

    def __init__(self, ticket_id: str, action: str, state: str) -> None:
        self.allowed = allowed_actions(state)
        allowed = ", ".join(self.allowed) or "none"
        super().__init__(
            f"ticket {ticket_id} is {state}: cannot {action}; allowed actions: {allowed}"
        )


def allowed_actions(state: str) -> tuple[str, ...]:
    return tuple(action for action, (sources, _) in TRANSITIONS.items() if state in sources)


def transition(ticket: Ticket, action: str, *, now: datetime, resolution: str = "") -> Ticket:
    """`ticket` after `action`. Resolving needs a resolution (given now or already written)
    and records whether the SLA target was missed."""
    if action not in TRANSITIONS:
        v = Violations()
        v.choice("action", action, ACTIONS)
        v.raise_if_any("transition")
    sources, target = TRANSITIONS[action]
    if ticket.state not in sources:
        raise IllegalTransition(ticket.id, action, ticket.state)
    moved = replace(ticket, state=target, updated_at=now)
    if action == "resolve":
        v = Violations()
        text = v.text(
            "resolution", resolution or ticket.resolution, required=True, max_length=TEXT_MAX
        )
        v.raise_if_any("resolution")
        late = breached(ticket.sla_due_at, resolved_at=now, now=now)
        moved = replace(
            moved, resolution=text, resolved_at=now, sla_breached=ticket.sla_breached or late
        )
    elif action == "reopen":
        moved = replace(moved, resolved_at=None)
    return moved


def breach_if_late(ticket: Ticket, *, now: datetime) -> Ticket | None:
    """The ticket marked breached if it is still unresolved past its target and not yet
    marked; else None (nothing to record)."""
    if ticket.sla_breached or ticket.state in ("resolved", "closed"):
        return None
    if not breached(ticket.sla_due_at, resolved_at=None, now=now):
        return None
    return replace(ticket, sla_breached=True, updated_at=now)
