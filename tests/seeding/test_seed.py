"""The demo seed: the five documents parsed, joined with seed/plan.yaml, realistic as of November 2026."""

from datetime import date

from sqlalchemy import func, select

from tests.helpers.data import committed
from tests.helpers.factories import make_authority, make_user
from tests.helpers.paths import SEED
from tracker.extensions import db
from tracker.models import (
    COUNCIL_ROLES,
    Action,
    ActionStatus,
    AuditEvent,
    Authority,
    DocumentKind,
    Evidence,
    ImprovementPoint,
    Inspection,
    Milestone,
    PastInspection,
    ProgressUpdate,
    Rag,
    Role,
    SourceKind,
    User,
)
from tracker.seeding.operations import seed_demo

TODAY = date(2026, 11, 22)
COUNTED = (
    Authority,
    User,
    Inspection,
    ImprovementPoint,
    Action,
    Milestone,
    Evidence,
    ProgressUpdate,
    AuditEvent,
)


def _counts() -> dict[str, int]:
    return {model.__name__: db.session.scalar(select(func.count()).select_from(model)) for model in COUNTED}


def _actions_of(doc_type: DocumentKind, year: int) -> list[Action]:
    return db.session.scalars(
        select(Action)
        .join(ImprovementPoint)
        .join(Inspection)
        .where(Inspection.doc_type == doc_type, func.extract("year", Inspection.named_on) == year)
    ).all()


def test_the_seed_holds_three_authorities_five_inspections_and_22_points(seeded_app):
    with seeded_app.app_context():
        counts = _counts()
        assert counts["Authority"] == 3
        assert counts["Inspection"] == 5
        assert counts["ImprovementPoint"] == 22
        points_per_document = dict(
            db.session.execute(
                select(Inspection.source_filename, func.count(ImprovementPoint.id))
                .join(ImprovementPoint)
                .group_by(Inspection.source_filename)
            ).all()
        )
        assert sorted(points_per_document.values()) == [2, 3, 3, 3, 11]


def test_seeding_twice_changes_nothing(seeded_app):
    with seeded_app.app_context():
        before = _counts()
        summary = seed_demo(SEED)
        assert summary.inspections_created == 0 and summary.users_created == 0
        assert _counts() == before


def test_seed_command_reset_rebuilds_the_same_plan(seeded_app):
    with seeded_app.app_context():
        before = _counts()
        db.session.remove()
    result = seeded_app.test_cli_runner().invoke(args=["seed", "--reset"])
    assert result.exit_code == 0, result.output
    assert "5 inspections" in result.output
    with seeded_app.app_context():
        assert _counts() == before


def test_seed_reset_refuses_a_database_with_an_account_that_is_not_the_demos(seeded_app):
    with committed(seeded_app):
        person = make_user(db.session.scalar(select(Authority).order_by(Authority.id)), Role.DIRECTOR)
    with seeded_app.app_context():
        before = _counts()
        db.session.remove()
    result = seeded_app.test_cli_runner().invoke(args=["seed", "--reset"])
    assert result.exit_code == 1
    assert "holds accounts that are not the demo's" in result.output and "Nothing was changed" in result.output
    with seeded_app.app_context():
        assert _counts() == before
        assert db.session.get(User, person.id).email == person.email


def test_seed_refuses_to_add_the_demo_beside_real_accounts(app):
    """The demo's accounts share a published password: never beside a real person's, in any environment."""
    with committed(app):
        make_user(make_authority("Fenmarsh District Council"), Role.ADMINISTRATOR)
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code == 1 and "only into a demo database" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id)).where(User.is_demo.is_(True))) == 0


def test_every_point_has_an_action_and_every_action_is_complete_in_its_parts(seeded_app):
    with seeded_app.app_context():
        for point in db.session.scalars(select(ImprovementPoint)):
            assert point.actions, f"point {point.number} of {point.inspection.source_filename} has no action"
        for action in db.session.scalars(select(Action)):
            assert action.owner.role == Role.SERVICE_MANAGER
            assert action.lead_director.role == Role.DIRECTOR
            assert action.rag_reason.strip()
            assert len(action.milestones) >= 2, action.title
            if action.status != ActionStatus.NOT_STARTED:
                assert action.evidence, f"{action.title} has no evidence"
            if action.status == ActionStatus.COMPLETE:
                assert action.is_complete and action.rag == Rag.BLUE
                assert any(e.shows_impact for e in action.evidence)


def test_the_2011_and_2017_plans_are_complete_and_signed_off(seeded_app):
    with seeded_app.app_context():
        for doc_type, year in (
            (DocumentKind.UNANNOUNCED_INSPECTION, 2011),
            (DocumentKind.INSPECTION_REPORT, 2017),
        ):
            actions = _actions_of(doc_type, year)
            assert actions
            assert all(a.is_complete and a.rag == Rag.BLUE and a.signed_off_by for a in actions)


def test_the_2021_and_2023_plans_are_mostly_complete_with_some_late(seeded_app):
    with seeded_app.app_context():
        actions = _actions_of(DocumentKind.FOCUSED_VISIT, 2021) + _actions_of(DocumentKind.FOCUSED_VISIT, 2023)
        complete = [a for a in actions if a.is_complete]
        assert len(complete) > len(actions) / 2
        late = [
            a
            for a in actions
            if not a.is_complete
            and (a.target_date < TODAY or any(m.due_date < TODAY and not m.completed_date for m in a.milestones))
        ]
        assert late


def test_the_2024_plan_is_in_progress_with_an_overdue_and_a_red_action(seeded_app):
    with seeded_app.app_context():
        actions = _actions_of(DocumentKind.INSPECTION_REPORT, 2024)
        assert not all(a.is_complete for a in actions)
        assert any(a.rag == Rag.RED for a in actions)
        overdue = [
            a
            for a in actions
            if not a.is_complete
            and (a.target_date < TODAY or any(m.due_date < TODAY and not m.completed_date for m in a.milestones))
        ]
        assert overdue


def test_replanned_milestones_keep_their_original_date_and_each_move(seeded_app):
    with seeded_app.app_context():
        moved = [m for m in db.session.scalars(select(Milestone)) if m.replans]
        assert moved
        for milestone in moved:
            assert milestone.replans[0].previous_due_date == milestone.original_due_date
            assert milestone.replans[-1].new_due_date == milestone.due_date
            assert all(r.reason for r in milestone.replans)


def test_the_plan_history_is_in_the_audit_trail(seeded_app):
    with seeded_app.app_context():
        action = db.session.scalars(select(Action).where(Action.status == ActionStatus.COMPLETE)).first()
        events = db.session.scalars(select(AuditEvent).where(AuditEvent.plan_action_id == action.id)).all()
        fields = {(e.event, e.field) for e in events}
        assert ("created", "title") in fields
        assert ("changed", "status") in fields
        sign_off = [e for e in events if e.field == "rag" and e.after == "blue"]
        assert len(sign_off) == 1 and sign_off[0].actor.role == Role.DIRECTOR
        # the history is dated when it happened, not when the seed ran
        assert max(e.occurred_at for e in events).date() <= TODAY


def test_demo_accounts_exist_for_every_role_in_every_authority(seeded_app):
    with seeded_app.app_context():
        pairs = set(db.session.execute(select(User.authority_id, User.role)).all())
        authorities = db.session.scalars(select(Authority.id)).all()
        assert pairs == {(a, r) for a in authorities for r in COUNCIL_ROLES} | {(None, Role.OPERATOR)}
        assert all(u.is_demo for u in db.session.scalars(select(User)))


def test_seed_refuses_a_plan_file_that_does_not_fit(app, tmp_path):
    (tmp_path / "documents").symlink_to(SEED / "documents")
    text = (SEED / "plan.yaml").read_text().replace("status: complete", "status: finished", 1)
    (tmp_path / "plan.yaml").write_text(text)
    app.config["SEED_FOLDER"] = str(tmp_path)
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code != 0
    assert "'finished' is not one of not_started, in_progress, awaiting_sign_off, complete" in result.output
    with app.app_context():
        assert _counts()["Authority"] == 0


def test_seed_refuses_a_plan_file_that_gives_actions_to_a_point_the_council_does_not_answer(app, tmp_path):
    # The 2017 report's recommendations put under its safeguarding board's part: the plan file's actions for
    # them would answer recommendations that are not the council's.
    documents = tmp_path / "documents"
    documents.mkdir()
    for path in (SEED / "documents").iterdir():
        text = path.read_text(encoding="utf-8")
        if path.name == "001_11c695456367b2f4.txt":
            lines = text.split("\n")
            heading = lines.index("Recommendations")
            text = "\n".join([*lines[:heading], "The Local Safeguarding Children Board (LSCB)", "", *lines[heading:]])
        (documents / path.name).write_text(text, encoding="utf-8")
    (tmp_path / "plan.yaml").write_text((SEED / "plan.yaml").read_text())
    app.config["SEED_FOLDER"] = str(tmp_path)
    result = app.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code != 0
    assert (
        "001_11c695456367b2f4.txt point 1: a recommendation to the safeguarding partnership is not the council's "
        "to answer, so the plan file cannot give it actions"
    ) in result.output
    with app.app_context():
        assert _counts()["Authority"] == 0


def test_the_leicestershire_paper_is_the_source_of_the_2024_inspection_it_reports(seeded_app):
    with seeded_app.app_context():
        inspection = db.session.scalar(
            select(Inspection).where(Inspection.source_filename == "003_7af7db97a7e57556.txt")
        )
        assert inspection.doc_type == DocumentKind.INSPECTION_REPORT
        assert inspection.source_kind == SourceKind.COMMITTEE_REPORT
        assert (inspection.visit_start, inspection.visit_end) == (date(2024, 4, 15), date(2024, 5, 3))
        # The paper does not say when Ofsted published its report; its own meeting date is kept as the source's.
        assert inspection.published is None
        assert inspection.source_dated == date(2024, 9, 3)
        assert inspection.overall_effectiveness == "Outstanding"
        assert inspection.title == "Inspection report, May 2024"
        assert "Committee report" not in inspection.title


def test_each_history_the_seed_documents_state_is_recorded_as_by_a_director(seeded_app):
    with seeded_app.app_context():
        rows = db.session.execute(
            select(Authority.slug, PastInspection.doc_type, PastInspection.started_month, PastInspection.ended_month)
            .join(Authority)
            .order_by(Authority.slug, PastInspection.started_month)
        ).all()
        assert rows == [
            ("leicester", DocumentKind.INSPECTION_REPORT, date(2021, 9, 1), None),
            ("leicestershire", DocumentKind.UNANNOUNCED_INSPECTION, date(2010, 8, 1), None),
            ("leicestershire", DocumentKind.INSPECTION_REPORT, date(2019, 9, 1), date(2019, 10, 1)),
        ]
        past_2019 = db.session.scalar(select(PastInspection).where(PastInspection.started_month == date(2019, 9, 1)))
        assert past_2019.overall_effectiveness == "Requires improvement to be good"
        assert past_2019.entered_by.role == Role.DIRECTOR
        assert db.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.entity_type == "past_inspection", AuditEvent.entity_id == past_2019.id)
        )
