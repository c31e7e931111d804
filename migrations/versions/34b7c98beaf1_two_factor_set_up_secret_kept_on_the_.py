"""Two-factor set-up secret kept on the server; audit events cannot be changed or deleted

Revision ID: 34b7c98beaf1
Revises: 10e986bbbca9
Create Date: 2026-11-22 08:52:04.155519

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "34b7c98beaf1"
down_revision = "10e986bbbca9"
branch_labels = None
depends_on = None


# The audit trail is append-only in the database itself, not only in the application: an UPDATE or DELETE
# of an audit event fails, whoever runs it (short of dropping the trigger, which needs the schema owner).
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER audit_event_no_{verb.lower()} BEFORE {verb} ON audit_event
    BEGIN SELECT RAISE(ABORT, 'audit events cannot be changed or deleted'); END"""
    for verb in ("UPDATE", "DELETE")
]
POSTGRES_FUNCTION = """CREATE FUNCTION audit_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit events cannot be changed or deleted'; END $$"""
POSTGRES_TRIGGER = """CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only()"""


def upgrade():
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_pending_secret", sa.String(length=64), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        op.execute(POSTGRES_TRIGGER)
    else:
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_event_append_only ON audit_event")
        op.execute("DROP FUNCTION audit_event_is_append_only()")
    else:
        op.execute("DROP TRIGGER audit_event_no_update")
        op.execute("DROP TRIGGER audit_event_no_delete")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("totp_pending_secret")
