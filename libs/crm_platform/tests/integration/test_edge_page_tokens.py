"""Page tokens are client input: a crafted one is a field error on `page_token`, never a
driver's error (issue 24, finding 15: a huge integer overflowed SQLite's INTEGER, a list could
not be bound, a lone surrogate could not be encoded; each answered INTERNAL, a 502)."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import BigInteger, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from crm_platform.database import make_engine, make_session_factory
from crm_platform.errors import InvalidArgument
from crm_platform.orm import UtcDateTime
from crm_platform.paging import encode_token, keyset_page

T0 = datetime(2026, 1, 1, tzinfo=UTC)


class Base(DeclarativeBase):
    pass


class Row(Base):
    __tablename__ = "rows"
    id: Mapped[str] = mapped_column(String(10), primary_key=True)
    number: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


ORDER = [Row.created_at, Row.number, Row.id]


@pytest.fixture
def session(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    Base.metadata.create_all(engine)
    with make_session_factory(engine)() as s:
        s.add_all(Row(id=f"r{i}", number=i, created_at=T0) for i in range(3))
        s.commit()
        yield s
    engine.dispose()


def page(session, token: str):
    return keyset_page(session, select(Row), ORDER, requested_size=2, token=token)


def crafted(values) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


TIME = {"t": T0.isoformat()}
CRAFTED = {
    "a list for a value": [TIME, [1], "r1"],
    "a huge integer": [TIME, 10**30, "r1"],
    "a negative huge integer": [TIME, -(10**19), "r1"],
    "a float": [TIME, 1.5, "r1"],
    "true for a number": [TIME, True, "r1"],
    "null": [TIME, None, "r1"],
    "an object": [TIME, {"x": 1}, "r1"],
    "a naive time": [{"t": "2026-01-01T00:00:00"}, 1, "r1"],
    "a time that is none": [{"t": "yesterday"}, 1, "r1"],
    "text for a time": ["2026-01-01", 1, "r1"],
    "a number for text": [TIME, 1, 7],
    "text for a number": [TIME, "1", "r1"],
    "a NUL": [TIME, 1, "r\x001"],
    "a lone surrogate": [TIME, 1, "\ud800"],
    "too few values": [TIME, 1],
}


@pytest.mark.parametrize("values", CRAFTED.values(), ids=CRAFTED.keys())
def test_a_crafted_token_is_a_field_error(session, values):
    with pytest.raises(InvalidArgument) as raised:
        page(session, crafted(values))
    assert [v.field for v in raised.value.violations] == ["page_token"]


@pytest.mark.parametrize(
    "token",
    ["!!!not base64", crafted("[" * 5000 + "]" * 5000)[:900], "A" * 5000, crafted([1] * 5000)],
    ids=["garbage", "deep", "too long", "too wide"],
)
def test_a_token_that_is_no_key_at_all_is_a_field_error(session, token):
    with pytest.raises(InvalidArgument):
        page(session, token)


def test_the_tokens_we_hand_out_still_page(session):
    first = page(session, "")
    second = page(session, first.next_page_token)

    assert [r.id for r in first.items + second.items] == ["r0", "r1", "r2"]
    assert first.next_page_token == encode_token([T0, 1, "r1"])
