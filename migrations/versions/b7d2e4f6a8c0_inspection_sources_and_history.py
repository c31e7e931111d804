"""An inspection's findings may be read from a council's committee paper; inspections before the tracker

An inspection that was a council's committee report becomes the inspection the paper reports (an inspection
report, read from the committee report): the paper's meeting date moves to source_dated, since it is not when
Ofsted published the findings. PastInspection keeps the inspections a director records from before the tracker.

Revision ID: b7d2e4f6a8c0
Revises: c4e6a8b0d2f3
Create Date: 2026-12-06 06:30:00.000000

"""

import re

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "b7d2e4f6a8c0"
down_revision = "c4e6a8b0d2f3"
branch_labels = None
depends_on = None

DOCUMENT_KINDS = (
    "inspection_report",
    "focused_visit",
    "monitoring_visit",
    "jtai",
    "unannounced_inspection",
    "committee_report",
)


def upgrade():
    with op.batch_alter_table("inspection", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "source_kind",
                sa.Enum(
                    "ofsted",
                    "committee_report",
                    name="sourcekind",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                server_default="ofsted",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("source_dated", sa.Date(), nullable=True))
    # The parser's kind for the paper was "committee report"; the inspection it reports is read from the paper's
    # opening as tracker/inspections/sources.py reads new ones (a frozen copy of its rule here, so that this
    # migration does the same whatever that module becomes): a paper on a focused visit stays a focused visit.
    inspection = sa.table(
        "inspection",
        sa.column("id"),
        sa.column("doc_type"),
        sa.column("source_kind"),
        sa.column("source_text"),
        sa.column("published"),
        sa.column("source_dated"),
    )
    bind = op.get_bind()
    papers = bind.execute(
        sa.select(inspection.c.id, inspection.c.source_text).where(inspection.c.doc_type == "committee_report")
    ).all()
    for paper_id, text in papers:
        bind.execute(
            inspection.update()
            .where(inspection.c.id == paper_id)
            .values(
                doc_type=_reported_kind(text or ""),
                source_kind="committee_report",
                source_dated=inspection.c.published,
                published=None,
            )
        )
    op.create_table(
        "past_inspection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("authority_id", sa.Integer(), nullable=False),
        sa.Column(
            "doc_type",
            sa.Enum(*DOCUMENT_KINDS, name="documentkind", native_enum=False, create_constraint=True, length=32),
            nullable=False,
        ),
        sa.Column("started_month", sa.Date(), nullable=False),
        sa.Column("ended_month", sa.Date(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("overall_effectiveness", sa.String(length=100), nullable=True),
        sa.Column("entered_by_id", sa.Integer(), nullable=True),
        sa.Column("entered_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["authority_id"], ["authority.id"], name=op.f("fk_past_inspection_authority_id_authority")
        ),
        sa.ForeignKeyConstraint(["entered_by_id"], ["user.id"], name=op.f("fk_past_inspection_entered_by_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_past_inspection")),
    )
    with op.batch_alter_table("past_inspection", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_past_inspection_authority_id"), ["authority_id"], unique=False)


def downgrade():
    with op.batch_alter_table("past_inspection", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_past_inspection_authority_id"))
    op.drop_table("past_inspection")
    inspection = sa.table(
        "inspection",
        sa.column("doc_type"),
        sa.column("source_kind"),
        sa.column("published"),
        sa.column("source_dated"),
    )
    op.execute(
        inspection.update()
        .where(inspection.c.source_kind == "committee_report")
        .values(doc_type="committee_report", published=inspection.c.source_dated)
    )
    with op.batch_alter_table("inspection", schema=None) as batch_op:
        batch_op.drop_column("source_dated")
        batch_op.drop_constraint(batch_op.f("ck_inspection_sourcekind"), type_="check")
        batch_op.drop_column("source_kind")


_KINDS = (  # most specific first: "joint targeted area inspection" is not an ILACS inspection
    ("jtai", re.compile(r"joint\s+targeted\s+area\s+inspection", re.I)),
    ("focused_visit", re.compile(r"focused\s+visit", re.I)),
    ("monitoring_visit", re.compile(r"monitoring\s+visit", re.I)),
    ("unannounced_inspection", re.compile(r"unannounced\s+inspection", re.I)),
)


def _reported_kind(text: str) -> str:
    opening = text[:1500]
    return next((kind for kind, words in _KINDS if words.search(opening)), "inspection_report")
