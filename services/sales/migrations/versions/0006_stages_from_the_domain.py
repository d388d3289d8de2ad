"""The deal stages' rows seeded from their one declaration, `sales.domain.deal_stages`.

0001 wrote the same nine stages from a list of its own; it stays as history, and from here on
the rows follow the domain's declaration (a later change to it comes with a revision that
calls `seed_stages` again).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from alembic import op

from sales.adapters.stage_seed import seed_stages

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    seed_stages(op.get_bind())


def downgrade() -> None:
    pass  # the rows 0001 wrote are the same stages: there is nothing to undo
