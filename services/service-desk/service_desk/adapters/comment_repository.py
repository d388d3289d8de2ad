"""Stores and pages the comments under a ticket."""

from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from crm_platform.audit.recording import record_created
from crm_platform.paging import Page, keyset_page
from service_desk.adapters.tables import TicketCommentRow
from service_desk.domain.comment import Comment


class CommentRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, comment: Comment) -> None:
        self._session.add(TicketCommentRow(**asdict(comment)))
        record_created(self._session, "ticket_comment", comment.id, comment)

    def page(self, ticket_id: str, *, size: int, token: str) -> Page:
        query = select(TicketCommentRow).where(TicketCommentRow.ticket_id == ticket_id)
        order = (TicketCommentRow.created_at, TicketCommentRow.id)
        page = keyset_page(self._session, query, order, requested_size=size, token=token)
        items = [
            Comment(
                id=r.id,
                ticket_id=r.ticket_id,
                author_id=r.author_id,
                body=r.body,
                created_at=r.created_at,
            )
            for r in page.items
        ]
        return Page(items, page.next_page_token, page.total)
