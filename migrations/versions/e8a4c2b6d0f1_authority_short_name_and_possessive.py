"""Each authority's short name and possessive, as its committee papers write them

Revision ID: e8a4c2b6d0f1
Revises: d5e7f9a1b3c4
Create Date: 2026-12-06 04:45:00.000000

"""

import sqlalchemy as sa
from alembic import op

from tracker.councils.names import default_possessive, default_short_name

# revision identifiers, used by Alembic.
revision = "e8a4c2b6d0f1"
down_revision = "d5e7f9a1b3c4"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("authority", schema=None) as batch_op:
        batch_op.add_column(sa.Column("short_name", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("possessive", sa.String(length=210), nullable=True))
    # Existing councils get what a new one would: the one default rule (tracker/councils/names.py).
    authority = sa.table(
        "authority", sa.column("id"), sa.column("name"), sa.column("short_name"), sa.column("possessive")
    )
    connection = op.get_bind()
    for row in connection.execute(sa.select(authority.c.id, authority.c.name)).all():
        short = default_short_name(row.name)
        connection.execute(
            authority.update()
            .where(authority.c.id == row.id)
            .values(short_name=short, possessive=default_possessive(short))
        )
    with op.batch_alter_table("authority", schema=None) as batch_op:
        batch_op.alter_column("short_name", existing_type=sa.String(length=200), nullable=False)
        batch_op.alter_column("possessive", existing_type=sa.String(length=210), nullable=False)


def downgrade():
    with op.batch_alter_table("authority", schema=None) as batch_op:
        batch_op.drop_column("possessive")
        batch_op.drop_column("short_name")
