"""Themes: every point gets at least one from the fixed list, and directors can change them."""

from datetime import date

import pytest
from sqlalchemy import select

from tests.helpers.data import committed, snapshot
from tests.helpers.seeded import seeded_user
from tracker.extensions import db
from tracker.models import Action, AuditEvent, Authority, ImprovementPoint, Inspection, PointKind, Role, Theme
from tracker.oversight.dashboard import brag_counts
from tracker.points.themes import RULES, classify, theme_named


def _point(app, authority: str, year: int, kind: PointKind, number: int) -> ImprovementPoint:
    with committed(app):
        point = db.session.scalar(
            select(ImprovementPoint)
            .join(Inspection)
            .join(Authority)
            .where(Authority.name == authority, ImprovementPoint.kind == kind, ImprovementPoint.number == number)
            .where(Inspection.published.between(date(year, 1, 1), date(year, 12, 31)))
        )
        _ = point.themes, point.inspection.title
        return point


def test_every_theme_has_rules():
    assert set(RULES) == set(Theme)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("The quality of assessments remains too variable.", Theme.ASSESSMENTS),
        ("Management oversight and supervision of frontline practice.", Theme.MANAGEMENT_OVERSIGHT),
        ("The timeliness of initial child protection conferences.", Theme.CHILD_PROTECTION_MEETINGS),
        ("Reduce the number of care leavers who are not in education, employment or training.", Theme.CARE_LEAVERS),
        ("Monitoring of pre-proceedings and letters before proceedings.", Theme.COURT),
        ("Placement sufficiency and commissioning.", Theme.COMMISSIONING),
        ("The response to children who are privately fostered.", Theme.PRIVATE_FOSTERING),
        ("Ensure elected members attend the corporate parenting board.", Theme.CORPORATE_PARENTING),
        ("The application of thresholds at the front door.", Theme.FRONT_DOOR),
        ("Children stepped down to early help at the right time.", Theme.EARLY_HELP),
    ],
)
def test_a_point_is_filed_under_the_theme_its_words_name(text, theme):
    assert theme in classify(text)


def test_training_in_not_in_education_employment_or_training_is_not_workforce():
    assert Theme.WORKFORCE not in classify("Care leavers not in education, employment or training.")


def test_a_point_that_names_no_theme_still_gets_the_nearest_one():
    assert len(classify("The arrangements for the partnership are unclear.")) == 1
    assert classify("Xyzzy.") == [Theme.MANAGEMENT_OVERSIGHT]


def test_leicestershires_2011_point_on_assessments_has_the_assessments_theme(seeded_app):
    point = _point(seeded_app, "Leicestershire County Council", 2011, PointKind.AREA_FOR_DEVELOPMENT, 2)
    assert point.text.startswith("The quality of assessments remains too variable")
    assert Theme.ASSESSMENTS in point.themes


def test_every_seeded_point_has_a_theme(seeded_app):
    with committed(seeded_app):
        points = db.session.scalars(select(ImprovementPoint)).all()
        assert points and all(p.themes for p in points)


def test_a_director_changes_the_themes_and_it_is_recorded(seeded_client):
    app = seeded_client.app
    point = _point(app, "Leicestershire County Council", 2011, PointKind.AREA_FOR_DEVELOPMENT, 2)
    seeded_client.sign_in(seeded_user(app, "Leicestershire County Council"))
    page = seeded_client.get_page("points.show", point_id=point.id)
    assert "Assessments" in page.select_one("main").get_text()

    form = seeded_client.get_page("points.themes", point_id=point.id)
    assert form.select_one("input[value=assessments]").has_attr("checked")
    seeded_client.post_form(
        "points.themes",
        {"csrf_token": "", "themes": ["assessments", "quality_assurance"]},
        status=302,
        point_id=point.id,
    )
    with committed(app):
        changed = db.session.get(ImprovementPoint, point.id)
        assert changed.themes == [Theme.ASSESSMENTS, Theme.QUALITY_ASSURANCE]
        event = db.session.scalar(
            select(AuditEvent).where(AuditEvent.entity_type == "improvement_point", AuditEvent.event == "changed")
        )
        assert (event.field, event.before, event.after) == (
            "themes",
            "Assessments",
            "Assessments; Audit and quality assurance",
        )
        assert event.actor_id is not None


@pytest.mark.parametrize(
    ("themes", "message"),
    [([], "Select at least one theme"), (["not-a-theme"], "Not a valid choice")],
)
def test_a_refused_theme_change_says_why_and_changes_nothing(seeded_client, themes, message):
    app = seeded_client.app
    point = _point(app, "Leicestershire County Council", 2011, PointKind.AREA_FOR_DEVELOPMENT, 2)
    seeded_client.sign_in(seeded_user(app, "Leicestershire County Council"))
    before = snapshot(app)
    page = seeded_client.post_form("points.themes", {"csrf_token": "", "themes": themes}, point_id=point.id)
    summary = page.select_one(".govuk-error-summary").get_text()
    assert message.lower() in summary.lower()
    assert snapshot(app) == before


@pytest.mark.parametrize("role", [Role.SERVICE_MANAGER, Role.ADMINISTRATOR])
def test_only_directors_change_themes(seeded_client, role):
    app = seeded_client.app
    point = _point(app, "Leicestershire County Council", 2011, PointKind.AREA_FOR_DEVELOPMENT, 2)
    seeded_client.sign_in(seeded_user(app, "Leicestershire County Council", role))
    assert seeded_client.get("points.themes", point_id=point.id).status_code == 403
    page = seeded_client.get_page("points.show", point_id=point.id)
    assert "Change the themes" not in page.get_text()


def test_another_authoritys_point_is_not_found(seeded_client):
    app = seeded_client.app
    point = _point(app, "Leicestershire County Council", 2011, PointKind.AREA_FOR_DEVELOPMENT, 2)
    seeded_client.sign_in(seeded_user(app, "Leeds City Council"))
    assert seeded_client.get("points.show", point_id=point.id).status_code == 404
    assert seeded_client.get("points.themes", point_id=point.id).status_code == 404


@pytest.mark.parametrize(
    ("written", "theme"),
    [
        ("Management oversight", Theme.MANAGEMENT_OVERSIGHT),
        ("Management oversight and supervision", Theme.MANAGEMENT_OVERSIGHT),
        ("  management   OVERSIGHT ", Theme.MANAGEMENT_OVERSIGHT),
        ("Recording and systems", Theme.MANAGEMENT_OVERSIGHT),
        ("Child protection", Theme.CHILD_PROTECTION_MEETINGS),
        ("Pre-proceedings and court", Theme.COURT),
        ("front_door", Theme.FRONT_DOOR),
        # Not a label nor a workstream of the seed: the theme its words suggest.
        ("Caseloads and recruitment", Theme.WORKFORCE),
        ("Something else entirely", Theme.MANAGEMENT_OVERSIGHT),
    ],
)
def test_a_theme_as_written_is_read_as_one_of_the_list(written, theme):
    assert theme_named(written) is theme


def test_every_seeded_action_has_a_theme_of_the_list_and_the_dashboard_one_row_for_each(seeded_app):
    labels = {t.label for t in Theme}
    with seeded_app.app_context():
        themes = set(db.session.scalars(select(Action.theme).distinct()))
        leicester = db.session.scalar(select(Authority).where(Authority.name == "Leicester City Council"))
        plans = list(db.session.scalars(select(Inspection).where(Inspection.authority_id == leicester.id)))
        _, by_theme = brag_counts(leicester.id, plans, len(plans))
    assert themes <= labels
    # The seed writes "Management oversight" (and imports "Management oversight and supervision"): one row.
    names = [row.label for row in by_theme]
    assert len(names) == len(set(names)) and set(names) <= labels
    assert Theme.MANAGEMENT_OVERSIGHT.label in names
