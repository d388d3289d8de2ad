"""Staff names for the user ids the services record (owners, actors, assignees)."""

from __future__ import annotations

from collections.abc import Iterable

from gateway.service.dependencies import Dependencies


def display_names(deps: Dependencies, user_ids: Iterable[str | None]) -> dict[str, str]:
    """Names by id; an id no longer known stays unnamed."""
    wanted = {user_id for user_id in user_ids if user_id}
    if not wanted:
        return {}
    with deps.uow().read_only() as uow:
        accounts = [uow.users.get(user_id) for user_id in wanted]
    return {a.id: a.display_name or a.username for a in accounts if a is not None}
