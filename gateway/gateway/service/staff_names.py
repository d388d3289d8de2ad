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


STAFF_SHOWN = 500  # accounts read for a choice list (the first by username)


def staff_choices(deps: Dependencies, roles: frozenset[str], chosen: str | None) -> dict[str, str]:
    """Names by id of the accounts with one of `roles`, to pick an owner or an assignee from,
    and of the one already `chosen` even without them (so an edit form shows who it is)."""
    with deps.uow().read_only() as uow:
        accounts, _total = uow.users.page(offset=0, limit=STAFF_SHOWN, q=None)
    choices = {a.id: a.display_name or a.username for a in accounts if a.roles & roles}
    if chosen and chosen not in choices:
        choices[chosen] = display_names(deps, [chosen]).get(chosen, chosen)
    return choices
