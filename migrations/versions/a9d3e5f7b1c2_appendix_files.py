"""A committee paper's appendices as files of their own: the published Word and PDF, and a draft job's

The paper's Word and PDF files hold its body; its appendices (the whole plan, ninety pages for a 2,000-action
council) are published next to it as their own document. Reports published earlier keep none.

Revision ID: a9d3e5f7b1c2
Revises: b7d2e4f6a8c0
Create Date: 2026-12-06 07:15:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a9d3e5f7b1c2"
down_revision = "b7d2e4f6a8c0"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("committee_report", schema=None) as batch_op:
        batch_op.add_column(sa.Column("appendix_docx", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("appendix_pdf", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("report_job", schema=None) as batch_op:
        batch_op.add_column(sa.Column("appendix_file", sa.LargeBinary(), nullable=True))


def downgrade():
    with op.batch_alter_table("report_job", schema=None) as batch_op:
        batch_op.drop_column("appendix_file")
    with op.batch_alter_table("committee_report", schema=None) as batch_op:
        batch_op.drop_column("appendix_pdf")
        batch_op.drop_column("appendix_docx")
