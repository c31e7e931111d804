"""Service operators (no council) and temporary passwords

Revision ID: f1a2c3d4e5b6
Revises: b7d41c9e2f55
Create Date: 2026-12-06 00:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "f1a2c3d4e5b6"
down_revision = "b7d41c9e2f55"
branch_labels = None
depends_on = None

COUNCIL_ROLES = ("administrator", "director", "service_manager", "committee_member")


def _roles(*roles: str) -> str:
    return "role IN ({})".format(", ".join(f"'{r}'" for r in roles))


def upgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("must_change_password", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.alter_column("authority_id", existing_type=sa.Integer(), nullable=True)
        batch_op.drop_constraint(batch_op.f("ck_user_role"), type_="check")
        batch_op.create_check_constraint("role", _roles(*COUNCIL_ROLES, "service_operator"))
        batch_op.create_check_constraint(
            "operator_has_no_authority", "(role = 'service_operator') = (authority_id IS NULL)"
        )


def downgrade():
    # Operators belong to no council, so the older schema has no place for them. One the audit trail names as
    # having done something cannot be deleted: say so rather than fail on a foreign key half-way.
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "DELETE FROM \"user\" WHERE role = 'service_operator' AND NOT EXISTS "
            '(SELECT 1 FROM audit_event WHERE audit_event.actor_id = "user".id)'
        )
    )
    if bind.execute(sa.text("SELECT count(*) FROM \"user\" WHERE role = 'service_operator'")).scalar():
        raise RuntimeError(
            "This database has service operators, whom the older version cannot hold (they belong to no council "
            "and the audit trail names them): it cannot be downgraded past f1a2c3d4e5b6."
        )
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_user_operator_has_no_authority"), type_="check")
        batch_op.drop_constraint(batch_op.f("ck_user_role"), type_="check")
        batch_op.create_check_constraint("role", _roles(*COUNCIL_ROLES))
        batch_op.alter_column("authority_id", existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column("must_change_password")
