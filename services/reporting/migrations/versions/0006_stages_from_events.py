"""Deal stages as the stage events describe them: `stage_facts`, and each deal's `closed` and
`won` flags from its newest event, instead of reporting's own list of stages.

Rows folded before this revision came from events without the description: they are filled
in from the legacy table (reporting.domain.legacy_stages), the one fallback for such events.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from reporting.domain.legacy_stages import LEGACY_STAGES

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_DEALS = sa.table(
    "deal_facts", sa.column("stage", sa.String), sa.column("closed", sa.Boolean),
    sa.column("won", sa.Boolean),
)  # fmt: skip


def flag(name: str) -> sa.Column:
    return sa.Column(name, sa.Boolean, nullable=False, server_default=sa.false())


def upgrade() -> None:
    with op.batch_alter_table("deal_facts") as batch:
        batch.add_column(flag("closed"))
        batch.add_column(flag("won"))
    stages = op.create_table(
        "stage_facts",
        sa.Column("code", sa.String(40), primary_key=True),
        sa.Column("order", sa.Integer, nullable=False),
        sa.Column("closed", sa.Boolean, nullable=False),
        sa.Column("won", sa.Boolean, nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    )
    legacy = LEGACY_STAGES.values()
    for name in ("closed", "won"):
        codes = [s.code for s in legacy if getattr(s, name)]
        op.execute(_DEALS.update().where(_DEALS.c.stage.in_(codes)).values({name: True}))
    # Seen "long ago": any event that describes a stage anew wins over these.
    long_ago = datetime(1970, 1, 1, tzinfo=UTC)
    op.bulk_insert(
        stages,
        [dict(code=s.code, order=s.order, closed=s.closed, won=s.won, seen_at=long_ago)
         for s in legacy],
    )  # fmt: skip


def downgrade() -> None:
    op.drop_table("stage_facts")
    with op.batch_alter_table("deal_facts") as batch:
        batch.drop_column("won")
        batch.drop_column("closed")
