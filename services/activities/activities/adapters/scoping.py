"""The visibility scope of a list as a WHERE clause, for either table."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, or_

from activities.domain.access import Scope


def within(query: Select, scope: Scope, *people: Any, related_type: Any) -> Select:
    if scope.everything:
        return query
    allowed = [column == scope.user_id for column in people]
    if scope.related_types:
        allowed.append(related_type.in_(scope.related_types))
    return query.where(or_(*allowed))
