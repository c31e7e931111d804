"""Every action's theme is one of the fixed list: the seed's and older plans' workstream names mapped to it

Revision ID: b3d5f7a9c1e4
Revises: c3e5a7b9d1f2
Create Date: 2026-12-06 09:20:00.000000

"""

import sqlalchemy as sa
from alembic import op

from tracker.points.themes import theme_named
from tracker.timeutil import utcnow

# revision identifiers, used by Alembic.
revision = "b3d5f7a9c1e4"
down_revision = "c3e5a7b9d1f2"
branch_labels = None
depends_on = None

action = sa.table("action", sa.column("id"), sa.column("authority_id"), sa.column("theme"))
audit_event = sa.table(
    "audit_event",
    sa.column("occurred_at"),
    sa.column("actor_id"),
    sa.column("authority_id"),
    sa.column("plan_action_id"),
    sa.column("entity_type"),
    sa.column("entity_id"),
    sa.column("event"),
    sa.column("field"),
    sa.column("before"),
    sa.column("after"),
)


def upgrade():
    # The one mapping (tracker/points/themes.py) the seeder uses too. Each change is in the audit trail, as
    # any other change to plan data, so the history "as at" a date after today reads the new theme.
    connection = op.get_bind()
    now = utcnow()
    for row in connection.execute(sa.select(action.c.id, action.c.authority_id, action.c.theme)).all():
        label = theme_named(row.theme).label
        if label == row.theme:
            continue
        connection.execute(action.update().where(action.c.id == row.id).values(theme=label))
        connection.execute(
            audit_event.insert().values(
                occurred_at=now,
                actor_id=None,
                authority_id=row.authority_id,
                plan_action_id=row.id,
                entity_type="action",
                entity_id=row.id,
                event="changed",
                field="theme",
                before=row.theme,
                after=label,
            )
        )


def downgrade():
    # The older version reads any text as a theme, so the list's labels stand; the names they replaced are in
    # the audit trail.
    pass
