"""Honest completion: when each action was proposed as complete, and why a milestone was closed

`action.proposed_at` is the sign-off queue's date and order (it was the action's last edit). Actions already
waiting for sign-off are given the time of their latest change of status to awaiting sign-off in the audit
trail, or their last edit where the trail has none. `milestone.closed_reason` says why a milestone was closed
as no longer needed; existing milestones were all done, so it stays empty for them.

Revision ID: e2a4c6e8f0b3
Revises: c4e8a1d2f3b5
Create Date: 2026-12-06 09:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e2a4c6e8f0b3"
down_revision = "c4e8a1d2f3b5"
branch_labels = None
depends_on = None

# "action" and "after" are quoted: both are keywords to SQLite and PostgreSQL.
BACKFILL = """
UPDATE "action" SET proposed_at = COALESCE(
    (SELECT MAX(e.occurred_at) FROM audit_event e
     WHERE e.entity_type = 'action' AND e.entity_id = "action".id
       AND e.field = 'status' AND e."after" = 'awaiting_sign_off'),
    "action".updated_at)
WHERE "action".status = 'awaiting_sign_off'
"""


def upgrade():
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("proposed_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closed_reason", sa.Text(), nullable=True))
    op.execute(BACKFILL)


def downgrade():
    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.drop_column("closed_reason")
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_column("proposed_at")
