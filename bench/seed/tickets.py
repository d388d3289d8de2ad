"""Tickets and complaints against the seeded customers: half worked through to resolved (with
each transition's history entry and event, as the desk's use cases write them), the rest
opened in the last few hours, so the SLA watcher has nothing to mark when the stack starts."""

from __future__ import annotations

import json
import random
from dataclasses import asdict
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from crm_platform.outbox.bulk import publish_many
from seed.accounts import Accounts, past
from seed.databases import unit_of_work
from service_desk.adapters.tables import TicketHistoryRow, TicketRow
from service_desk.domain.commands import OpenTicket
from service_desk.domain.history import HistoryEntry, entry
from service_desk.domain.sla import SlaPolicy
from service_desk.domain.ticket import CATEGORIES, CHANNELS, PRIORITIES, open_ticket
from service_desk.domain.ticket_states import transition
from service_desk.service.events import TICKET_CHANGED, ticket_changed

SUBJECTS = (
    "设备无法启动",
    "发票抬头错误",
    "Late delivery",
    "Wrong item shipped",
    "咨询报价",
    "Repair request",
)
RESOLVED_SHARE = 0.5
WORKFLOW = ("accept", "start", "resolve")


def seed_tickets(
    var_dir: Path, count: int, *, agents: list[str], accounts: Accounts, rng: random.Random
) -> None:
    now, sla = datetime.now().astimezone(), SlaPolicy()
    rows, changes = [], []  # changes: (before, after, action, actor)
    for _ in range(count):
        index = rng.randrange(len(accounts.customers))
        contacts = accounts.contacts_of[index]
        resolved = rng.random() < RESOLVED_SHARE
        opened_at = past(rng, now) if resolved else now - timedelta(minutes=rng.randint(1, 180))
        agent = rng.choice(agents)
        command = OpenTicket(
            customer_id=accounts.customers[index].id,
            contact_id=rng.choice(contacts).id if contacts else "",
            subject=rng.choice(SUBJECTS),
            category=rng.choice(CATEGORIES),
            channel=rng.choice(CHANNELS),
            priority=rng.choice(PRIORITIES),
            assignee_id=agent,
        )
        ticket = open_ticket(command, reporter_id=agent, sla=sla, now=opened_at)
        changes.append((None, ticket, "opened", agent))
        if resolved:
            moment = opened_at
            for action in WORKFLOW:
                moment += timedelta(minutes=rng.randint(5, 600))
                after = transition(ticket, action, now=moment, resolution="已处理 / handled")
                changes.append((ticket, after, action, agent))
                ticket = after
        rows.append(asdict(ticket))
    history = [_history_row(entry(b, a, action, actor)) for b, a, action, actor in changes]
    with unit_of_work(var_dir, "service-desk") as uow:
        connection = uow.session.connection()  # Core: no ORM bookkeeping per row
        connection.execute(insert(TicketRow.__table__), rows)
        connection.execute(insert(TicketHistoryRow.__table__), history)
        publish_many(
            uow,
            TICKET_CHANGED,
            ((a.id, ticket_changed(b, a, action)) for b, a, action, _ in changes),
        )


def _history_row(change: HistoryEntry) -> dict:
    """The row TicketRepository.record writes for one entry (there one statement per entry)."""
    return {
        "ticket_id": change.ticket_id,
        "action": change.action,
        "from_state": change.from_state,
        "to_state": change.to_state,
        "actor_id": change.actor_id,
        "at": change.at,
        "changes": json.dumps(
            [[c.field, c.old_value, c.new_value] for c in change.changes], ensure_ascii=False
        ),
    }
