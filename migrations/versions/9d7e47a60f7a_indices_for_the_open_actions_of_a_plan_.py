"""Indices for the open actions of a plan and an action's open milestones

Revision ID: 9d7e47a60f7a
Revises: 34b7c98beaf1
Create Date: 2026-11-22 10:08:06.024746

Pages reach an authority's actions through its points; with the status, rating, theme and target date in the
same index the open actions of a plan are found without reading the closed ones, and the BRAG counts come
from the index alone. The milestone index does the same for an action's milestones not yet done. Each
replaces the single-column index it starts with. Open challenges, oldest first, get an index of their own.
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "9d7e47a60f7a"
down_revision = "34b7c98beaf1"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_improvement_point_id"))
        batch_op.create_index(
            "ix_action_point_status", ["improvement_point_id", "status", "rag", "theme", "target_date"], unique=False
        )

    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_milestone_action_id"))
        batch_op.create_index("ix_milestone_action_open", ["action_id", "completed_date", "due_date"], unique=False)

    with op.batch_alter_table("challenge", schema=None) as batch_op:
        batch_op.create_index("ix_challenge_open", ["answered_at", "raised_at"], unique=False)


def downgrade():
    with op.batch_alter_table("challenge", schema=None) as batch_op:
        batch_op.drop_index("ix_challenge_open")

    with op.batch_alter_table("milestone", schema=None) as batch_op:
        batch_op.drop_index("ix_milestone_action_open")
        batch_op.create_index(batch_op.f("ix_milestone_action_id"), ["action_id"], unique=False)

    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index("ix_action_point_status")
        batch_op.create_index(batch_op.f("ix_action_improvement_point_id"), ["improvement_point_id"], unique=False)
