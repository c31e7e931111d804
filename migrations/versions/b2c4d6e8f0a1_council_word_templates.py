"""A council's own Word template for its committee papers

Revision ID: b2c4d6e8f0a1
Revises: e8a4c2b6d0f1
Create Date: 2026-12-06 06:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b2c4d6e8f0a1"
down_revision = "e8a4c2b6d0f1"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "report_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("authority_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["authority_id"], ["authority.id"], name=op.f("fk_report_template_authority_id_authority")
        ),
        sa.ForeignKeyConstraint(["uploaded_by_id"], ["user.id"], name=op.f("fk_report_template_uploaded_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_template")),
        sa.UniqueConstraint("authority_id", name=op.f("uq_report_template_authority_id")),
    )


def downgrade():
    op.drop_table("report_template")
