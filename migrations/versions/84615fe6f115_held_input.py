"""Input held from a form posted after its session ended, shown again (never saved) after signing in

Revision ID: 84615fe6f115
Revises: e2a4c6e8f0b3
Create Date: 2026-12-06 09:10:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "84615fe6f115"
down_revision = "e2a4c6e8f0b3"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "held_input",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("path", sa.String(length=500), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("had_files", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name=op.f("fk_held_input_user_id_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_input")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_held_input_token_hash")),
    )
    with op.batch_alter_table("held_input", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_held_input_created_at"), ["created_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_held_input_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("held_input", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_held_input_user_id"))
        batch_op.drop_index(batch_op.f("ix_held_input_created_at"))
    op.drop_table("held_input")
