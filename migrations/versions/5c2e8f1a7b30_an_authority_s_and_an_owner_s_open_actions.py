"""An authority's and an owner's open actions, each from one index

Revision ID: 5c2e8f1a7b30
Revises: 9d7e47a60f7a
Create Date: 2026-11-22 13:20:00

Each action keeps its authority (its document's), filled in here from the document. Reached through points and
documents, an authority's open actions took a look in the index for every point it ever had; indexed with
status, rating, theme and target date, they are found in one. The owner, status and authority together do the same
for an owner's open actions, and replace the owner's single-column index, which they start with.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5c2e8f1a7b30"
down_revision = "9d7e47a60f7a"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.add_column(sa.Column("authority_id", sa.Integer(), nullable=True))

    op.execute(
        "UPDATE action SET authority_id = (SELECT inspection.authority_id FROM improvement_point"
        " JOIN inspection ON improvement_point.inspection_id = inspection.id"
        " WHERE improvement_point.id = action.improvement_point_id)"
    )

    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.alter_column("authority_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_action_authority_id_authority"), "authority", ["authority_id"], ["id"]
        )
        batch_op.create_index(
            "ix_action_authority_status", ["authority_id", "status", "rag", "theme", "target_date"], unique=False
        )
        batch_op.drop_index(batch_op.f("ix_action_owner_id"))
        batch_op.create_index("ix_action_owner_status", ["owner_id", "status", "authority_id"], unique=False)


def downgrade():
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index("ix_action_owner_status")
        batch_op.create_index(batch_op.f("ix_action_owner_id"), ["owner_id"], unique=False)
        batch_op.drop_index("ix_action_authority_status")
        batch_op.drop_constraint(batch_op.f("fk_action_authority_id_authority"), type_="foreignkey")
        batch_op.drop_column("authority_id")
