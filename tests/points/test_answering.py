"""Recommendations to the safeguarding partnership: shown with their document, left out of the plan's work unless
the council answers them, which a director or administrator can change (audited)."""

from datetime import date, datetime

import pytest
from sqlalchemy import insert, select

from tests.helpers.data import committed, snapshot
from tests.helpers.factories import make_action, make_authority, make_inspection, make_point, make_user
from tracker.actions.operations import PlanRuleError, create_action
from tracker.extensions import db
from tracker.models import AuditEvent, DocumentKind, ImprovementPoint, PointKind, Rag, Role, Theme
from tracker.oversight.dashboard import brag_counts
from tracker.points.answering import ANSWER_SETTERS, set_answered
from tracker.reports import committee, data, render
from tracker.reports.defaults import default_inputs

COUNCILS = "Strengthen the help given to children at the front door."
PARTNERS = "The partnership should check how well its member agencies share information."


@pytest.fixture
def plan(app):
    """A council's inspection with a point it answers and a recommendation to the partnership, neither with an
    action; and its director, administrator and a service manager."""
    with committed(app):
        authority = make_authority()
        people = {role: make_user(authority, role) for role in (Role.DIRECTOR, Role.ADMINISTRATOR)}
        people[Role.SERVICE_MANAGER] = make_user(authority, Role.SERVICE_MANAGER)
        inspection = make_inspection(authority, doc_type=DocumentKind.INSPECTION_REPORT)
        ours = make_point(inspection, kind=PointKind.RECOMMENDATION, text=COUNCILS)
        theirs = make_point(inspection, kind=PointKind.PARTNERSHIP_RECOMMENDATION, number=1, text=PARTNERS)
    return authority, people, inspection, ours, theirs


def _point(app, point_id: int) -> ImprovementPoint:
    with committed(app):
        point = db.session.get(ImprovementPoint, point_id)
        _ = point.actions
        return point


def test_only_a_point_the_plan_answers_is_flagged_for_having_no_action(client, plan):
    _, people, _, ours, theirs = plan
    client.sign_in(people[Role.DIRECTOR])
    warning = client.get_page("actions.plan").select_one("#unanswered")
    links = [a["href"] for a in warning.select("a")]
    assert links == [client.url("points.show", point_id=ours.id)]
    assert "1 improvement point has no action" in " ".join(warning.get_text().split())

    dashboard = client.get_page("oversight.dashboard")
    assert "(1)" in dashboard.select_one("#no-action-heading").get_text()
    assert PARTNERS not in dashboard.get_text()


def test_the_inspection_page_lists_partnership_recommendations_in_their_own_group(client, plan):
    _, people, inspection, ours, theirs = plan
    client.sign_in(people[Role.SERVICE_MANAGER])
    page = client.get_page("inspections.show", inspection_id=inspection.id)
    group = page.select_one("#not-in-plan")
    assert group.select_one("h2").get_text() == "Recommendations to the safeguarding partnership"
    assert "the council does not answer them in its improvement plan" in group.get_text()
    assert group.select_one(f"#point-{theirs.id}") and not group.select_one(f"#point-{ours.id}")
    # Not the council's to answer, so not flagged for having no action; the council's own point is.
    assert "No action yet" not in group.get_text()
    assert "No action yet" in page.select_one(f"#point-{ours.id}").get_text()


def test_the_point_page_says_the_council_does_not_answer_it(client, plan):
    _, people, _, ours, theirs = plan
    client.sign_in(people[Role.SERVICE_MANAGER])
    page = client.get_page("points.show", point_id=theirs.id)
    assert "does not answer this point" in page.select_one("#not-answered").get_text()
    assert not page.select_one("#no-action")
    assert "Change whether the council answers" not in page.get_text()
    assert client.get_page("points.show", point_id=ours.id).select_one("#no-action")


def test_the_dashboard_counts_only_the_actions_of_points_the_plan_answers(app, plan):
    authority, people, inspection, ours, theirs = plan
    with committed(app):
        make_action(db.session.get(ImprovementPoint, ours.id), people[Role.SERVICE_MANAGER], rag=Rag.GREEN)
        # Made before the council stopped answering it (or by an import that gave every point an action).
        make_action(db.session.get(ImprovementPoint, theirs.id), people[Role.SERVICE_MANAGER], rag=Rag.RED)
    with app.app_context():
        by_plan, by_theme = brag_counts(authority.id, [db.session.get(type(inspection), inspection.id)], 1)
    assert [(row.counts[Rag.GREEN], row.counts[Rag.RED]) for row in by_plan] == [(1, 0)]
    assert sum(row.total for row in by_theme) == 1


def test_a_committee_report_leaves_out_points_the_council_does_not_answer(app, plan):
    authority, people, _, ours, theirs = plan
    with committed(app):
        # Made before the paper's date: a paper as at a date reports only the actions that existed by then.
        made = {"created_at": datetime(2025, 2, 1)}
        make_action(
            db.session.get(ImprovementPoint, ours.id), people[Role.SERVICE_MANAGER], title="Front door work", **made
        )
        make_action(
            db.session.get(ImprovementPoint, theirs.id), people[Role.SERVICE_MANAGER], title="Partner work", **made
        )
    with app.app_context():
        inputs = default_inputs(
            db.session.get(type(authority), authority.id), "Scrutiny", date(2025, 3, 1), date(2025, 3, 1)
        )
        html = render.to_html(committee.build(inputs, data.load(inputs)))
    assert COUNCILS in html and "Front door work" in html
    assert PARTNERS not in html and "Partner work" not in html


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.ADMINISTRATOR])
def test_a_director_or_administrator_makes_the_council_answer_a_point_and_it_is_audited(client, plan, role):
    _, people, _, _, theirs = plan
    client.sign_in(people[role])
    form = client.get_page("points.answered", point_id=theirs.id)
    assert form.select_one("input[value=no]").has_attr("checked")
    sent = {"csrf_token": "", "answers": "yes", **_draft_fields(people)}
    client.post_form("points.answered", sent, status=302, point_id=theirs.id)
    assert _point(client.app, theirs.id).answered_by_council
    with committed(client.app):
        event = db.session.scalar(
            select(AuditEvent).where(
                AuditEvent.entity_type == "improvement_point",
                AuditEvent.entity_id == theirs.id,
                AuditEvent.field == "answered_by_council",
            )
        )
        assert (event.event, event.before, event.after, event.actor_id) == (
            "changed",
            "no",
            "yes",
            people[role].id,
        )
    # Now part of the plan's work, and answered by its drafted action: not flagged for having none.
    links = [a["href"] for a in client.get_page("actions.plan").select("#unanswered a")]
    assert client.url("points.show", point_id=theirs.id) not in links


def test_the_council_cannot_stop_answering_a_point_its_actions_answer(client, plan):
    _, people, _, ours, _ = plan
    with committed(client.app):
        make_action(db.session.get(ImprovementPoint, ours.id), people[Role.SERVICE_MANAGER])
    client.sign_in(people[Role.DIRECTOR])
    before = snapshot(client.app)
    page = client.post_form("points.answered", {"csrf_token": "", "answers": "no"}, point_id=ours.id)
    assert "stays in the plan" in page.select_one(".govuk-error-summary").get_text()
    assert snapshot(client.app) == before
    assert _point(client.app, ours.id).answered_by_council


@pytest.mark.parametrize(
    ("answers", "message"),
    [(None, "Select whether the council answers this point in its plan"), ("maybe", "Not a valid choice")],
)
def test_a_refused_choice_says_why_and_changes_nothing(client, plan, answers, message):
    _, people, _, _, theirs = plan
    client.sign_in(people[Role.DIRECTOR])
    before = snapshot(client.app)
    sent = {"csrf_token": ""} | ({"answers": answers} if answers else {})
    page = client.post_form("points.answered", sent, point_id=theirs.id)
    assert message.lower() in page.select_one(".govuk-error-summary").get_text().lower()
    assert snapshot(client.app) == before
    assert not _point(client.app, theirs.id).answered_by_council


def test_a_service_manager_cannot_change_it_and_another_council_finds_no_point(client, plan):
    _, people, _, _, theirs = plan
    client.sign_in(people[Role.SERVICE_MANAGER])
    assert (
        client.http.post(client.url("points.answered", point_id=theirs.id), data={"answers": "yes"}).status_code == 403
    )
    with committed(client.app):
        stranger = make_user(make_authority(), Role.DIRECTOR)
    client.sign_in(stranger)
    assert client.get("points.answered", point_id=theirs.id).status_code == 404
    assert (
        client.http.post(client.url("points.answered", point_id=theirs.id), data={"answers": "yes"}).status_code == 404
    )
    assert not _point(client.app, theirs.id).answered_by_council


def _draft_fields(people, target: date | None = None) -> dict:
    target = target or date.today().replace(year=date.today().year + 1)
    return {
        "owner_id": str(people[Role.SERVICE_MANAGER].id),
        "lead_director_id": str(people[Role.DIRECTOR].id),
        "target_date": [str(target.day), str(target.month), str(target.year)],
        "rag": "amber",
    }


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.ADMINISTRATOR])
def test_answering_a_point_with_no_action_drafts_its_action_as_an_import_does(client, plan, role):
    _, people, _, _, theirs = plan
    client.sign_in(people[role])
    target = date.today().replace(year=date.today().year + 1)
    sent = {"csrf_token": "", "answers": "yes", **_draft_fields(people, target)}
    client.post_form("points.answered", sent, status=302, point_id=theirs.id)
    point = _point(client.app, theirs.id)
    assert point.answered_by_council
    [action] = point.actions
    assert (action.owner_id, action.lead_director_id, action.target_date) == (
        people[Role.SERVICE_MANAGER].id,
        people[Role.DIRECTOR].id,
        target,
    )
    assert action.title == PARTNERS.rstrip(".") and action.description == PARTNERS
    with committed(client.app):
        created = db.session.scalar(
            select(AuditEvent).where(AuditEvent.entity_type == "action", AuditEvent.entity_id == action.id)
        )
        assert (created.event, created.actor_id) == ("created", people[role].id)
    page = client.get_page("points.show", point_id=theirs.id)
    assert not page.select_one("#no-action") and action.title in page.select_one("#actions").get_text()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"owner_id": ""}, "Choose who owns the draft action"),
        ({"lead_director_id": ""}, "Choose the lead director"),
        ({"lead_director_id": "999999"}, "Choose from the list"),
        ({"target_date": ["", "", ""]}, "Enter the target date for the draft action"),
        ({"target_date": ["1", "1", "2020"]}, "The target date must be today or in the future"),
        ({"target_date": ["31", "2", "2030"]}, "must be a real date"),
        ({"rag": ""}, "Select a RAG rating"),
        ({"rag": "blue"}, "Select a RAG rating"),  # Blue comes only with a director's sign-off
    ],
)
def test_answering_a_point_without_its_draft_actions_details_says_why_and_changes_nothing(
    client, plan, change, message
):
    _, people, _, _, theirs = plan
    # The service manager is no lead director: choosing one is refused as not in the list.
    if change.get("lead_director_id") == "999999":
        change = {"lead_director_id": str(people[Role.SERVICE_MANAGER].id)}
    client.sign_in(people[Role.DIRECTOR])
    before = snapshot(client.app)
    sent = {"csrf_token": "", "answers": "yes", **_draft_fields(people), **change}
    page = client.post_form("points.answered", sent, point_id=theirs.id)
    assert message in page.select_one(".govuk-error-summary").get_text()
    assert snapshot(client.app) == before
    assert not _point(client.app, theirs.id).answered_by_council


def test_the_draft_actions_rating_is_chosen_not_assumed(client, plan):
    """Issue 19: drafts were Green unasked. No rating is preselected, none is refused (keeping what was typed),
    and the one chosen is the draft's."""
    _, people, _, _, theirs = plan
    client.sign_in(people[Role.DIRECTOR])
    page = client.get_page("points.answered", point_id=theirs.id)
    radios = page.select("input[name=rag]")
    assert [r["value"] for r in radios] == ["red", "amber", "green"]
    assert not [r for r in radios if r.has_attr("checked")]

    typed = {k: v for k, v in _draft_fields(people).items() if k != "rag"}
    page = client.post_form("points.answered", {"csrf_token": "", "answers": "yes", **typed}, point_id=theirs.id)
    assert [a.get_text(strip=True) for a in page.select(".govuk-error-summary a")] == ["Select a RAG rating"]
    assert page.select_one("#owner_id option[selected]")["value"] == typed["owner_id"]
    assert [page.select_one(f"#target_date-{part}")["value"] for part in ("day", "month", "year")] == typed[
        "target_date"
    ]
    assert not _point(client.app, theirs.id).actions

    client.post_form(
        "points.answered", {"csrf_token": "", "answers": "yes", **typed, "rag": "red"}, status=302, point_id=theirs.id
    )
    [action] = _point(client.app, theirs.id).actions
    assert action.rag == Rag.RED


def test_choosing_not_to_answer_a_point_ignores_the_draft_actions_fields(client, plan):
    _, people, _, ours, _ = plan
    client.sign_in(people[Role.DIRECTOR])
    sent = {"csrf_token": "", "answers": "no", "target_date": ["31", "2", "2030"]}
    client.post_form("points.answered", sent, status=302, point_id=ours.id)
    point = _point(client.app, ours.id)
    assert not point.answered_by_council and not point.actions


def test_a_partnership_recommendation_is_not_answered_by_default_however_it_is_made(app):
    with committed(app):
        inspection = make_inspection(make_authority())
        made = ImprovementPoint(
            inspection=inspection, kind=PointKind.PARTNERSHIP_RECOMMENDATION, number=1, position=1, text=PARTNERS
        )
        # Known before it is saved, so nothing reading the new point sees the wrong answer.
        assert made.answered_by_council is False
        db.session.add(made)
        ours = ImprovementPoint(inspection=inspection, kind=PointKind.RECOMMENDATION, number=1, position=2, text="A")
        chosen = ImprovementPoint(
            inspection=inspection,
            kind=PointKind.PARTNERSHIP_RECOMMENDATION,
            number=2,
            position=3,
            text="B",
            answered_by_council=True,
        )
        db.session.add_all([ours, chosen])
        db.session.flush()
        # A bulk insert (as the demo makes its plans) takes the same default from the kind.
        db.session.execute(
            insert(ImprovementPoint),
            [
                {"inspection_id": inspection.id, "kind": kind, "number": n, "position": 3 + n, "text": "C"}
                for n, kind in enumerate((PointKind.PARTNERSHIP_RECOMMENDATION, PointKind.AREA_FOR_IMPROVEMENT), 1)
            ],
        )
        inspection_id = inspection.id
    with committed(app):
        stored = db.session.scalars(
            select(ImprovementPoint.answered_by_council)
            .where(ImprovementPoint.inspection_id == inspection_id)
            .order_by(ImprovementPoint.position)
        ).all()
    assert stored == [False, True, True, False, True]


def test_no_action_is_created_for_a_point_the_council_does_not_answer(app, plan):
    _, people, _, _, theirs = plan
    with committed(app):
        point = db.session.get(ImprovementPoint, theirs.id)
        with pytest.raises(PlanRuleError, match="does not answer this point"):
            create_action(
                point,
                people[Role.DIRECTOR],
                title="Partner work",
                description=PARTNERS,
                owner=people[Role.SERVICE_MANAGER],
                lead_director=people[Role.DIRECTOR],
                theme=Theme.FRONT_DOOR,
                target_date=date(2030, 1, 1),
                rag=Rag.GREEN,
            )
        assert not point.actions


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.ADMINISTRATOR, Role.SERVICE_MANAGER])
def test_the_point_page_offers_the_change_exactly_to_those_the_route_lets_in(client, plan, role):
    _, people, _, ours, _ = plan
    client.sign_in(people[role])
    link = client.get_page("points.show", point_id=ours.id).select_one(
        f"a[href='{client.url('points.answered', point_id=ours.id)}']"
    )
    allowed = client.get("points.answered", point_id=ours.id).status_code == 200
    assert (link is not None) == allowed == (role in ANSWER_SETTERS)


def test_a_paper_as_at_a_date_before_the_council_took_a_point_on_does_not_outline_it(app, plan):
    """The partnership's recommendation, taken on by the council later, is not in an earlier paper's headlines."""
    authority, people, _, ours, theirs = plan
    with committed(app):
        point = db.session.get(ImprovementPoint, theirs.id)
        set_answered(point, True, people[Role.DIRECTOR], at=datetime(2025, 4, 1, 12))
    with app.app_context():
        council = db.session.get(type(authority), authority.id)
        before = render.to_html(committee.build(*_loaded(default_inputs(council, "Scrutiny", None, date(2025, 3, 1)))))
        after = render.to_html(committee.build(*_loaded(default_inputs(council, "Scrutiny", None, date(2025, 5, 1)))))
    assert COUNCILS in before and PARTNERS not in before
    assert PARTNERS in after


def _loaded(inputs):
    return inputs, data.load(inputs)
