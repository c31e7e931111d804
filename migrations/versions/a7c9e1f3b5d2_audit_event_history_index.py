"""An index on the audit trail for the history "as at" a date: an action's events for a field in time order

It replaces the index on plan_action_id alone, which it leads with.

Revision ID: a7c9e1f3b5d2
Revises: b2c4d6e8f0a1
Create Date: 2026-12-06 06:20:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "a7c9e1f3b5d2"
down_revision = "b2c4d6e8f0a1"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(
            "ix_audit_event_action_field_time", ["plan_action_id", "field", "occurred_at"], unique=False
        )
        # Led by the same column, the new index serves whatever used this one.
        batch_op.drop_index("ix_audit_event_plan_action_id")


def downgrade():
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index("ix_audit_event_plan_action_id", ["plan_action_id"], unique=False)
        batch_op.drop_index("ix_audit_event_action_field_time")
