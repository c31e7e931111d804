"""Inspections unique per council, not across the installation

Revision ID: a8d2e4f6b1c3
Revises: f1a2c3d4e5b6
Create Date: 2026-12-06 01:20:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "a8d2e4f6b1c3"
down_revision = "f1a2c3d4e5b6"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("inspection", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_inspection_source_sha256"), type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_inspection_authority_id"), ["authority_id", "source_sha256"])


def downgrade():
    # Two councils holding the same public report cannot go back to one copy for the installation.
    with op.batch_alter_table("inspection", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_inspection_authority_id"), type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_inspection_source_sha256"), ["source_sha256"])
