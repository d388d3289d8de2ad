"""Keyset pages over a real SQLite table: every row once, in order, stable under inserts."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from crm_platform.database import make_engine, make_session_factory
from crm_platform.orm import UtcDateTime
from crm_platform.paging import keyset_page

T0 = datetime(2026, 1, 1, tzinfo=UTC)


class Base(DeclarativeBase):
    pass


class Thing(Base):
    __tablename__ = "things"
    id: Mapped[str] = mapped_column(String(10), primary_key=True)
    colour: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


@pytest.fixture
def session(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    Base.metadata.create_all(engine)
    with make_session_factory(engine)() as s:
        for i in range(23):  # pairs share a timestamp: the id breaks the tie
            s.add(
                Thing(
                    id=f"t{i:02d}",
                    colour="red" if i % 2 else "blue",
                    created_at=T0 + timedelta(minutes=i // 2),
                )
            )
        s.commit()
        yield s
    engine.dispose()


def walk(session, query, **kwargs):
    seen, token, pages = [], "", 0
    while True:
        page = keyset_page(
            session, query, [Thing.created_at, Thing.id], requested_size=5, token=token, **kwargs
        )
        seen.extend(t.id for t in page.items)
        pages += 1
        if page.next_page_token is None:
            return seen, pages, page.total
        token = page.next_page_token


def test_every_row_once_in_order(session):
    seen, pages, total = walk(session, select(Thing))
    assert seen == [f"t{i:02d}" for i in range(23)]
    assert (pages, total) == (5, 23)


def test_descending_with_a_filter(session):
    seen, _, total = walk(session, select(Thing).where(Thing.colour == "red"), descending=True)
    assert seen == [f"t{i:02d}" for i in range(21, 0, -2)]
    assert total == 11


def test_rows_inserted_before_the_cursor_do_not_shift_later_pages(session):
    first = keyset_page(
        session, select(Thing), [Thing.created_at, Thing.id], requested_size=5, token=""
    )
    session.add(Thing(id="a-early", colour="red", created_at=T0 - timedelta(days=1)))
    session.commit()
    second = keyset_page(
        session,
        select(Thing),
        [Thing.created_at, Thing.id],
        requested_size=5,
        token=first.next_page_token,
    )
    assert [t.id for t in second.items] == ["t05", "t06", "t07", "t08", "t09"]
