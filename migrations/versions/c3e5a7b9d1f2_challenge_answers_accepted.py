"""A director accepts the answer to a challenge: when and by whom

An answered challenge stays on the directors' dashboard until a director accepts the answer or challenges the
action again; accepted_at and accepted_by record the acceptance. Challenges answered earlier are left as they
were (not accepted), so their answers reach the directors too.

Revision ID: c3e5a7b9d1f2
Revises: a9d3e5f7b1c2
Create Date: 2026-12-06 09:30:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c3e5a7b9d1f2"
down_revision = "a9d3e5f7b1c2"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("challenge", schema=None) as batch_op:
        batch_op.add_column(sa.Column("accepted_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("accepted_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_challenge_accepted_by_id_user"), "user", ["accepted_by_id"], ["id"])


def downgrade():
    with op.batch_alter_table("challenge", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_challenge_accepted_by_id_user"), type_="foreignkey")
        batch_op.drop_column("accepted_by_id")
        batch_op.drop_column("accepted_at")
