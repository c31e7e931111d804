"""Point kinds of single inspection framework reports: priority and immediate action, and
recommendations to the safeguarding partnership

Revision ID: c3f5a7b9d1e2
Revises: a8d2e4f6b1c3
Create Date: 2026-12-06 03:10:00.000000

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "c3f5a7b9d1e2"
down_revision = "a8d2e4f6b1c3"
branch_labels = None
depends_on = None

OLD_KINDS = (
    "area_for_priority_action",
    "recommendation",
    "what_needs_to_improve",
    "area_for_improvement",
    "area_for_development",
)
NEW_KINDS = ("priority_and_immediate_action", *OLD_KINDS, "partnership_recommendation")


def _kinds(kinds: tuple[str, ...]) -> str:
    return "kind IN ({})".format(", ".join(f"'{k}'" for k in kinds))


def upgrade():
    with op.batch_alter_table("improvement_point", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_improvement_point_pointkind"), type_="check")
        batch_op.create_check_constraint("pointkind", _kinds(NEW_KINDS))


def downgrade():
    bind = op.get_bind()
    if bind.exec_driver_sql(
        "SELECT count(*) FROM improvement_point WHERE kind NOT IN ({})".format(", ".join(f"'{k}'" for k in OLD_KINDS))
    ).scalar():
        raise RuntimeError(
            "This database has improvement points of kinds the older version cannot hold (priority and immediate "
            "actions, or recommendations to a safeguarding partnership): it cannot be downgraded past c3f5a7b9d1e2."
        )
    with op.batch_alter_table("improvement_point", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_improvement_point_pointkind"), type_="check")
        batch_op.create_check_constraint("pointkind", _kinds(OLD_KINDS))
