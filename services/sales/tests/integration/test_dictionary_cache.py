"""The dictionary is read once and reused until its stages or entries change, on both databases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from sales import bootstrap
from sales.adapters.dictionary_repository import load_dictionary


@pytest.fixture(params=["postgresql", "sqlite"])
def sessions(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    if request.param == "postgresql":
        yield request.getfixturevalue("session_factory")
        return
    url = f"sqlite:///{tmp_path / 'sales.db'}"
    migrations.upgrade(bootstrap.MIGRATIONS, url)
    engine = make_engine(url)
    yield make_session_factory(engine)
    engine.dispose()


def _load(sessions: sessionmaker[Session]):
    with sessions() as session:
        return load_dictionary(session)


def _change(sessions: sessionmaker[Session], statement: str) -> None:
    with sessions() as session:
        session.execute(text(statement))
        session.commit()


def test_an_unchanged_dictionary_is_the_copy_already_read(sessions):
    assert _load(sessions) is _load(sessions)


@pytest.mark.parametrize(
    "statement, changed",
    [
        ("UPDATE deal_stages SET name = 'Renamed' WHERE code = 'qualification'", "stage"),
        (
            "INSERT INTO dictionary_entries (kind, code, name, sort_order) "
            "VALUES ('lead_sources', 'podcast', 'Podcast', 99)",
            "entry",
        ),
        (
            "DELETE FROM dictionary_entries WHERE kind = 'lead_sources' AND code = 'web_research'",
            "gone",
        ),
    ],
)
def test_any_change_to_stages_or_entries_is_read_at_once(sessions, statement, changed):
    before = _load(sessions)
    _change(sessions, statement)
    after = _load(sessions)
    assert after is not before
    if changed == "stage":
        assert {s.code: s.name for s in after.deal_stages}["qualification"] == "Renamed"
    elif changed == "entry":
        assert "podcast" in {e.code for e in after.entries["lead_sources"]}
    else:
        assert "web_research" not in {e.code for e in after.entries["lead_sources"]}
