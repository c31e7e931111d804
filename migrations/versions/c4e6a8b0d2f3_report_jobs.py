"""Jobs that render and publish committee reports, run by the job worker rather than in a request

Revision ID: c4e6a8b0d2f3
Revises: a7c9e1f3b5d2
Create Date: 2026-12-06 06:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4e6a8b0d2f3"
down_revision = "a7c9e1f3b5d2"
branch_labels = None
depends_on = None

UNFINISHED = sa.text("state IN ('queued', 'running')")


def upgrade():
    op.create_table(
        "report_job",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum("docx", "pdf", "publish", name="jobkind", native_enum=False, create_constraint=True, length=32),
            nullable=False,
        ),
        sa.Column(
            "state",
            sa.Enum(
                "queued",
                "running",
                "done",
                "failed",
                name="jobstate",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("requested_by_id", sa.Integer(), nullable=False),
        sa.Column("requested_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("file", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(["report_id"], ["committee_report.id"]),
        sa.ForeignKeyConstraint(["requested_by_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_report_job_report_id", "report_job", ["report_id"])
    op.create_index(
        "ix_report_job_one_unfinished",
        "report_job",
        ["report_id", "kind"],
        unique=True,
        sqlite_where=UNFINISHED,
        postgresql_where=UNFINISHED,
    )


def downgrade():
    op.drop_index("ix_report_job_one_unfinished", table_name="report_job")
    op.drop_index("ix_report_job_report_id", table_name="report_job")
    op.drop_table("report_job")
