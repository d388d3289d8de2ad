"""Saved views: each user keeps a list page's filters, sort and columns under a name."""

from __future__ import annotations

import uuid

from crm_platform.errors import AlreadyExists, InvalidArgument, NotFound
from gateway.domain.saved_view import KINDS, MAX_VIEWS, SavedView
from gateway.service.dependencies import Dependencies


def list_views(deps: Dependencies, user_id: str, kind: str) -> list[SavedView]:
    _check_kind(kind)
    with deps.uow() as uow:
        return uow.saved_views.of_user(user_id, kind)


def save_view(
    deps: Dependencies,
    user_id: str,
    kind: str,
    name: str,
    filters: dict[str, str],
    sort: str = "",
    columns: list[str] | None = None,
) -> SavedView:
    _check_kind(kind)
    name = name.strip()
    if not name:
        raise InvalidArgument.field("name", "A view needs a name")
    view = SavedView(
        id=str(uuid.uuid4()),
        user_id=user_id,
        kind=kind,
        name=name,
        filters={key: value for key, value in filters.items() if value},
        sort=sort,
        columns=list(columns or []),
        created_at=deps.clock(),
    )
    with deps.uow() as uow:
        if uow.saved_views.named(user_id, kind, name):
            raise AlreadyExists(f"You have a view named {name!r} already")
        if uow.saved_views.count(user_id, kind) >= MAX_VIEWS:
            raise InvalidArgument.field("name", f"At most {MAX_VIEWS} views per list")
        uow.saved_views.add(view)
        uow.commit()
    return view


def delete_view(deps: Dependencies, user_id: str, view_id: str) -> None:
    with deps.uow() as uow:
        if not uow.saved_views.remove(user_id, view_id):
            raise NotFound("No such saved view")
        uow.commit()


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise InvalidArgument.field("kind", f"One of {', '.join(KINDS)}")
