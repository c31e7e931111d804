"""The schema comes only from the migrations: one head, an upgrade from empty, no drift from the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from tests.helpers.data import actions_by_authority_agreement
from tests.helpers.paths import PROJECT
from tracker.extensions import compared_on, db
from tracker.models import Theme
from tracker.points.themes import theme_named


def test_there_is_one_migration_head():
    script = ScriptDirectory(str(PROJECT / "migrations"))
    assert len(script.get_heads()) == 1


def test_the_migrated_schema_matches_the_models(app):
    with app.app_context(), db.engine.connect() as connection:
        opts = {"compare_type": True, "include_object": compared_on(connection.dialect.name)}
        diff = compare_metadata(MigrationContext.configure(connection, opts=opts), db.metadata)
    assert diff == [], f"The models and the migrations differ; write a migration: {diff}"


def test_downgrade_to_empty_and_upgrade_again(app):
    with app.app_context():
        downgrade(revision="base")
        with db.engine.connect() as connection:
            assert set(inspect(connection).get_table_names()) <= {"alembic_version"}
        upgrade()
        with db.engine.connect() as connection:
            assert "action" in inspect(connection).get_table_names()


def test_each_action_is_given_its_documents_authority_when_the_column_is_added(seeded_app):
    with seeded_app.app_context():
        # The seed's actions were made one by one, each given its authority with its point.
        seeded = actions_by_authority_agreement()
        assert seeded[0] > 0 and seeded[1] == 0
        db.session.remove()  # end its transaction: PostgreSQL's DROP INDEX would wait for it
        downgrade(revision="9d7e47a60f7a")
        with db.engine.connect() as connection:
            assert "authority_id" not in {c["name"] for c in inspect(connection).get_columns("action")}
        upgrade()
        agree, disagree = actions_by_authority_agreement()
    assert agree > 0 and disagree == 0


def test_each_existing_authority_is_given_its_short_name_and_possessive_by_the_default_rule(seeded_app):
    with seeded_app.app_context():
        db.session.remove()
        downgrade(revision="d5e7f9a1b3c4")
        with db.engine.connect() as connection:
            assert "short_name" not in {c["name"] for c in inspect(connection).get_columns("authority")}
        upgrade()
        with db.engine.connect() as connection:
            names = set(connection.execute(text("SELECT name, short_name, possessive FROM authority")).all())
    assert {
        ("Leeds City Council", "Leeds", "Leeds’"),
        ("Leicester City Council", "Leicester", "Leicester’s"),
        ("Leicestershire County Council", "Leicestershire", "Leicestershire’s"),
    } <= names


def test_a_committee_report_inspection_becomes_the_inspection_it_reports_read_from_the_paper(seeded_app):
    paper = "SELECT doc_type, published, {} FROM inspection WHERE source_filename = '003_7af7db97a7e57556.txt'"
    with seeded_app.app_context():
        db.session.remove()
        downgrade(revision="e8a4c2b6d0f1")
        with db.engine.connect() as connection:
            # As the tracker stored it before: the paper as an inspection, published on its meeting date.
            kind, published, _ = connection.execute(text(paper.format("1"))).one()
            assert (kind, str(published)) == ("committee_report", "2024-09-03")
            assert "past_inspection" not in inspect(connection).get_table_names()
        upgrade()
        with db.engine.connect() as connection:
            converted = connection.execute(text(paper.format("source_kind, source_dated"))).one()
    kind, published, source_kind, source_dated = converted
    assert (kind, published, source_kind, str(source_dated)) == (
        "inspection_report",
        None,
        "committee_report",
        "2024-09-03",
    )


def test_a_committee_paper_on_a_focused_visit_stays_a_focused_visit(seeded_app):
    the_paper = "WHERE source_filename = '003_7af7db97a7e57556.txt'"
    paper = f"FROM inspection {the_paper}"
    with seeded_app.app_context():
        db.session.remove()
        downgrade(revision="e8a4c2b6d0f1")
        with db.engine.begin() as connection:
            opening = "CABINET - 3 SEPTEMBER 2024\nOFSTED FOCUSED VISIT TO CHILDREN'S SERVICES\n"
            connection.execute(text(f"UPDATE inspection SET source_text = :t {the_paper}"), {"t": opening})
        upgrade()
        with db.engine.connect() as connection:
            kind, source_kind = connection.execute(text(f"SELECT doc_type, source_kind {paper}")).one()
    assert (kind, source_kind) == ("focused_visit", "committee_report")


def test_free_text_themes_are_mapped_to_the_list_recorded_and_counted_as_one_row(seeded_app):
    with seeded_app.app_context():
        db.session.remove()
        downgrade(revision="c3e5a7b9d1f2")
        with db.engine.begin() as connection:
            # As an older database holds them: the seed's workstream names beside an import's label.
            ids = connection.execute(text("SELECT id FROM action ORDER BY id LIMIT 4")).scalars().all()
            written = ["Management oversight", "Management oversight and supervision", "Child protection", "Liaison"]
            for action_id, theme in zip(ids, written, strict=True):
                connection.execute(text("UPDATE action SET theme = :t WHERE id = :i"), {"t": theme, "i": action_id})
        upgrade()
        with db.engine.connect() as connection:
            themes = dict(connection.execute(text("SELECT id, theme FROM action")).all())
            audited = connection.execute(
                text("SELECT entity_id, before, after FROM audit_event WHERE field = 'theme' AND event = 'changed'")
            ).all()
            oversight = connection.execute(
                text("SELECT count(DISTINCT theme) FROM action WHERE theme LIKE 'Management oversight%'")
            ).scalar()
    assert [themes[i] for i in ids] == [
        Theme.MANAGEMENT_OVERSIGHT.label,
        Theme.MANAGEMENT_OVERSIGHT.label,
        Theme.CHILD_PROTECTION_MEETINGS.label,
        theme_named("Liaison").label,
    ]
    assert set(themes.values()) <= {t.label for t in Theme}
    # Each change is in the audit trail; a theme already of the list is left alone and not recorded.
    assert {(ids[0], "Management oversight"), (ids[2], "Child protection"), (ids[3], "Liaison")} <= {
        (entity, before) for entity, before, _ in audited
    }
    assert ids[1] not in {entity for entity, _, _ in audited}
    assert oversight == 1


def test_each_action_waiting_for_sign_off_is_given_when_it_was_proposed_from_the_audit_trail(seeded_app):
    proposal = (
        "SELECT MAX(occurred_at) FROM audit_event WHERE entity_type = 'action' AND entity_id = action.id "
        "AND field = 'status' AND after = 'awaiting_sign_off'"
    )
    with seeded_app.app_context():
        db.session.remove()
        downgrade(revision="c4e8a1d2f3b5")
        with db.engine.begin() as connection:
            first = connection.execute(text("SELECT id FROM action WHERE status = 'awaiting_sign_off'")).scalar()
            when_proposed = connection.execute(text(f"SELECT ({proposal}) FROM action WHERE id = :id"), {"id": first})
            when_proposed = when_proposed.scalar_one()
            # One whose trail records no proposal (the trail cannot be changed: the row is set waiting by hand).
            unrecorded = connection.execute(
                text(f"SELECT id FROM action WHERE status = 'in_progress' AND ({proposal}) IS NULL")
            ).scalar()
            connection.execute(
                text("UPDATE action SET status = 'awaiting_sign_off' WHERE id = :id"), {"id": unrecorded}
            )
            # Both edited since (the queue showed the last edit as "Proposed").
            edited = "UPDATE action SET updated_at = '2026-11-30 09:00:00' WHERE id IN (:a, :b)"
            connection.execute(text(edited), {"a": first, "b": unrecorded})
        upgrade()
        with db.engine.connect() as connection:
            got = dict(
                connection.execute(
                    text("SELECT id, proposed_at FROM action WHERE id IN (:a, :b)"), {"a": first, "b": unrecorded}
                ).all()
            )
            others = "SELECT COUNT(*) FROM action WHERE status != 'awaiting_sign_off' AND proposed_at IS NOT NULL"
            not_waiting_given_one = connection.execute(text(others)).scalar()
    assert str(got[first]) == str(when_proposed) and not str(when_proposed).startswith("2026-11-30")
    assert str(got[unrecorded]).startswith("2026-11-30 09:00:00")
    assert not_waiting_given_one == 0
