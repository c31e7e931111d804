"""National Framework areas of improvement points, and points the council does not answer

Revision ID: d5e7f9a1b3c4
Revises: c3f5a7b9d1e2
Create Date: 2026-12-06 03:25:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "d5e7f9a1b3c4"
down_revision = "c3f5a7b9d1e2"
branch_labels = None
depends_on = None

AREAS = (
    *(f"outcome_{n}" for n in range(1, 5)),
    *(f"enabler_{n}" for n in range(1, 4)),
    *(f"principle_{n}" for n in range(1, 7)),
)


def upgrade():
    op.create_table(
        "point_framework_area",
        sa.Column("improvement_point_id", sa.Integer(), nullable=False),
        sa.Column(
            "area",
            sa.Enum(*AREAS, name="frameworkarea", native_enum=False, create_constraint=True, length=32),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["improvement_point_id"],
            ["improvement_point.id"],
            name=op.f("fk_point_framework_area_improvement_point_id_improvement_point"),
        ),
        sa.PrimaryKeyConstraint("improvement_point_id", "area", name=op.f("pk_point_framework_area")),
    )
    with op.batch_alter_table("point_framework_area", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_point_framework_area_area"), ["area"], unique=False)
    with op.batch_alter_table("improvement_point", schema=None) as batch_op:
        batch_op.add_column(sa.Column("answered_by_council", sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade():
    with op.batch_alter_table("improvement_point", schema=None) as batch_op:
        batch_op.drop_column("answered_by_council")
    with op.batch_alter_table("point_framework_area", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_point_framework_area_area"))
    op.drop_table("point_framework_area")
