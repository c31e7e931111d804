"""A document the service operator imports for a council not yet on the service waits with no council

The operator confirms the council's name on a page of its own before the document is filed under it; until
then the import belongs to no council, and no council's people can see it.

Revision ID: c4e8a1d2f3b5
Revises: b3d5f7a9c1e4
Create Date: 2026-12-06 09:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4e8a1d2f3b5"
down_revision = "b3d5f7a9c1e4"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("document_import", schema=None) as batch_op:
        batch_op.alter_column("authority_id", existing_type=sa.Integer(), nullable=True)


def downgrade():
    # An import still waiting for its council has nowhere to go: it is discarded, as its operator could.
    op.execute("DELETE FROM document_import WHERE authority_id IS NULL")
    with op.batch_alter_table("document_import", schema=None) as batch_op:
        batch_op.alter_column("authority_id", existing_type=sa.Integer(), nullable=False)
