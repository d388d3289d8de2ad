"""A real notifications gRPC server on a migrated SQLite file, which the gateway under test
reaches through NOTIFICATIONS_GRPC_ADDRESS (the REST and the web tests share it)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from notifications import bootstrap
from notifications.domain.facts import Notify
from notifications.service.deliver import notify
from notifications.service.mailing import Mailing
from notifications.settings import NotificationsSettings
from sqlalchemy.orm import Session, sessionmaker

from crm_platform import migrations
from crm_platform.database import make_engine, make_session_factory
from crm_platform.grpc_server.server import start_server


@contextmanager
def notifications_server(
    directory: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[sessionmaker[Session]]:
    """Serves until the block ends; yields its database's session factory."""
    url = f"sqlite:///{directory / 'notifications.db'}"
    migrations.upgrade(bootstrap.MIGRATIONS, url)
    engine = make_engine(url)
    session_factory = make_session_factory(engine)
    server = start_server(
        "127.0.0.1:0", bootstrap.grpc_bindings(NotificationsSettings(), session_factory), workers=2
    )
    monkeypatch.setenv("NOTIFICATIONS_GRPC_ADDRESS", f"127.0.0.1:{server.port}")
    try:
        yield session_factory
    finally:
        server.stop(0)
        engine.dispose()


def tell(session_factory, user_id: str, kind: str, related_id: str, **params: str) -> None:
    """A notification for `user_id` about deal `related_id`, made as the consumer makes one."""
    with session_factory() as session:
        fact = Notify(kind, user_id, "deal", related_id, {"subject": "Big deal", **params})
        notify(session, fact, datetime.now(UTC), Mailing())
        session.commit()
