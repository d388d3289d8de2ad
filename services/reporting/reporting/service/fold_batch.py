"""Use case on the consumer side for a polled batch: every event folded into its fact with a
few statements per kind of fact instead of a read and a write per event.

The facts the batch touches are read in one query per kind, folded in memory in event order
with the same pure folds as one event at a time, and the changed ones written in one upsert per
kind; topic progress likewise, once per topic.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from reporting.adapters import fact_repository, progress_repository
from reporting.domain.progress import TopicProgress
from reporting.service.apply import FOLDS


def fold_batch(session: Session, observations: Iterable[Any]) -> None:
    by_kind: dict[type, list[Any]] = {}
    for observed in observations:
        by_kind.setdefault(FOLDS[type(observed)][0], []).append(observed)
    for fact_type, observed in by_kind.items():
        keys = {_key(o) for o in observed}
        known = fact_repository.get_many(session, fact_type, keys)
        changed = fold_all(known, observed)
        fact_repository.save_many(session, fact_type, changed.values())


def fold_all(known: dict[str, Any], observations: Iterable[Any]) -> dict[str, Any]:
    """Fold each observation, in order, into `known` (a fact by key, updated in place);
    returns the facts that changed, by key."""
    changed = {}
    for observed in observations:
        key = _key(observed)
        _, _, fold = FOLDS[type(observed)]
        known[key] = changed[key] = fold(known.get(key), observed)
    return changed


def record_batch(session: Session, applied: Iterable[tuple[str, datetime]]) -> None:
    """Count applied events, given as (topic, occurred at), in one write per topic."""
    applied = list(applied)
    progress = progress_repository.get_many(session, {topic for topic, _ in applied})
    progress_repository.save_many(session, advance(progress, applied).values())


def advance(
    progress: dict[str, TopicProgress], applied: Iterable[tuple[str, datetime]]
) -> dict[str, TopicProgress]:
    """The progress once each event is applied, for every topic given."""
    progress = dict(progress)
    for topic, occurred_at in applied:
        before = progress.get(topic) or TopicProgress(topic, 0, None)
        progress[topic] = before.after(occurred_at)
    return progress


def _key(observed: Any) -> str:
    return getattr(observed, FOLDS[type(observed)][1])
