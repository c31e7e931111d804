"""Issue 17: each point's National Framework areas are shown on the review page, kept in the draft and
stored; recommendations to the safeguarding partnership are a group of their own, the council's to answer
only when the reviewer says so (stored and audited)."""

import pytest
from sqlalchemy import select

from tests.helpers.data import committed
from tests.imports.readings import reading, start_reading
from tests.imports.test_import import _choose_people, _review_fields
from tracker.models import AuditEvent, DocumentImport, FrameworkArea, Inspection, PointKind
from tracker.parsing import ImprovementPoint

PARTNERSHIP = [
    ImprovementPoint("recommendation", 1, "Improve the quality of assessments.", ("principle_2",)),
    ImprovementPoint("partnership_recommendation", 1, "The partnership should audit multi-agency referrals."),
    ImprovementPoint("partnership_recommendation", 2, "The partnership should publish its annual report on time."),
]


def _areas(page, index: int) -> list[str]:
    return [tag.get_text(strip=True) for tag in page.select(f"#point-{index}-framework .govuk-tag")]


def _latest(session) -> Inspection:
    return session.scalar(select(Inspection).order_by(Inspection.id.desc()))


def test_each_points_framework_areas_are_shown_with_their_names(client, world):
    client.sign_in(world.director)
    page = client.get_page(start_reading(client, world.director, reading("framework shown")))
    assert _areas(page, 0) == ["Outcome 3"]
    assert _areas(page, 1) == ["Outcome 4", "Enabler 2"]
    assert FrameworkArea.OUTCOME_3.label in page.select_one("#point-0-framework").get_text()
    # Points read: neither the warning nor the passage for marking them by hand.
    assert page.select_one("#points-not-read") is None and page.select_one("#passage") is None


def test_framework_areas_survive_editing_splitting_and_merging_and_are_stored(client, world):
    client.sign_in(world.director)
    url = start_reading(client, world.director, reading("framework kept"))
    data = {**_review_fields(client, url), "points-0-text": ["Help for children in need.\n\nAnd their families."]}
    client.post_form(url, {**data, "operation": ["split-point-0"]})
    page = client.get_page(url)
    assert [_areas(page, i) for i in range(3)] == [["Outcome 3"], ["Outcome 3"], ["Outcome 4", "Enabler 2"]]
    client.post_form(url, {**_review_fields(client, url), "operation": ["merge-point-1"]})
    page = client.get_page(url)
    assert [_areas(page, i) for i in range(2)] == [["Outcome 3"], ["Outcome 3", "Outcome 4", "Enabler 2"]]

    client.post_form(url, {**_choose_people(_review_fields(client, url), world), "operation": ["confirm"]}, status=302)
    with committed(client.app) as session:
        points = _latest(session).improvement_points
        assert [p.framework_areas for p in points] == [
            [FrameworkArea.OUTCOME_3],
            [FrameworkArea.OUTCOME_3, FrameworkArea.OUTCOME_4, FrameworkArea.ENABLER_2],
        ]


def test_a_wrong_framework_area_can_be_removed(client, world):
    client.sign_in(world.director)
    url = start_reading(client, world.director, reading("framework removed"))
    client.post_form(url, {**_review_fields(client, url), "operation": ["remove-framework-1-outcome_4"]})
    page = client.get_page(url)
    assert _areas(page, 1) == ["Enabler 2"] and _areas(page, 0) == ["Outcome 3"]


def test_partnership_recommendations_are_their_own_group_not_answered_unless_ticked(client, world):
    client.sign_in(world.director)
    url = start_reading(client, world.director, reading("partnership", improvement_points=PARTNERSHIP))
    page = client.get_page(url)
    assert page.select_one("#points").get_text(strip=True) == "Improvement points (1)"
    group = page.select_one("#partnership")
    assert group.get_text(strip=True) == "Recommendations to the safeguarding partnership (2)"
    assert "not the council’s to answer unless it chooses" in group.find_next("p").get_text()
    boxes = page.select("input[name$=-council_answers]")
    assert [box["name"] for box in boxes] == ["points-1-council_answers", "points-2-council_answers"]
    assert not [box for box in boxes if box.has_attr("checked")]
    label = page.select_one("label[for='points-1-council_answers']").get_text(strip=True)
    assert label == "The council will answer this in its plan"
    # The kind list is PointKind's (already so before issue 17), the new kinds with it.
    assert [o["value"] for o in page.select("#points-1-kind option")] == list(PointKind)
    assert page.select_one("#points-1-kind option[selected]").get_text() == PointKind.PARTNERSHIP_RECOMMENDATION.label

    data = {**_choose_people(_review_fields(client, url), world), "points-2-council_answers": ["y"]}
    client.post_form(url, {**data, "operation": ["confirm"]}, status=302)
    with committed(client.app) as session:
        points = _latest(session).improvement_points
        assert [(p.kind, p.answered_by_council, len(p.actions)) for p in points] == [
            (PointKind.RECOMMENDATION, True, 1),
            (PointKind.PARTNERSHIP_RECOMMENDATION, False, 0),
            (PointKind.PARTNERSHIP_RECOMMENDATION, True, 1),
        ]
        changed = session.execute(
            select(AuditEvent.entity_id, AuditEvent.before, AuditEvent.after, AuditEvent.actor_id).where(
                AuditEvent.event == "changed", AuditEvent.field == "answered_by_council"
            )
        ).all()
        assert changed == [(points[2].id, "no", "yes", world.director.id)]


def test_only_partnership_points_left_unanswered_need_no_owner_or_target_date(client, world):
    client.sign_in(world.director)
    url = start_reading(client, world.director, reading("partnership only", improvement_points=PARTNERSHIP[1:]))
    client.post_form(url, {**_review_fields(client, url), "operation": ["confirm"]}, status=302)
    with committed(client.app) as session:
        points = _latest(session).improvement_points
        assert [(p.answered_by_council, p.actions) for p in points] == [(False, []), (False, [])]


@pytest.mark.parametrize("elsewhere", ["remove-point-0", "add-point-after-0", "merge-point-0", "split-point-0"])
def test_a_form_older_than_the_draft_keeps_each_points_own_framework_areas(client, world, elsewhere):
    client.sign_in(world.director)
    url = start_reading(client, world.director, reading(f"stale {elsewhere}"))
    first_tab = _review_fields(client, url)
    # A second tab changes the list of points; the first, still showing the old list, then saves.
    second_tab = {**_review_fields(client, url), "points-0-text": ["The help given.\n\nTo children in need."]}
    client.post_form(url, {**second_tab, "operation": [elsewhere]})
    client.post_form(url, {**first_tab, "operation": ["save"]}, status=302)
    page = client.get_page(url)
    assert [_areas(page, i) for i in range(2)] == [["Outcome 3"], ["Outcome 4", "Enabler 2"]]
    assert page.select_one("#point-2") is None


def test_a_framework_area_not_in_the_framework_is_refused_and_never_kept(client, world):
    client.sign_in(world.director)
    url = start_reading(client, world.director, reading("unknown area"))
    data = _choose_people(_review_fields(client, url), world)
    data["points-1-framework"] = ["outcome_4", "outcome_9"]
    data["points-1-text"] = ["Typed before the refusal."]
    page = client.post_form(url, {**data, "operation": ["confirm"]})
    summary = page.select_one(".govuk-error-summary")
    message = "Point 2: a National Framework area sent for it is not one of the framework’s"
    assert message in summary.get_text()
    assert summary.select_one("a")["href"] == "#points-1-framework"
    assert page.select_one("#points-1-framework").get_text(" ", strip=True).startswith("Error: " + message)
    with committed(client.app) as session:
        assert session.scalar(select(Inspection).where(Inspection.source_filename == "report.pdf")) is None
        (pending,) = session.scalars(select(DocumentImport)).all()
        assert [p["framework"] for p in pending.draft["points"]] == [["outcome_3"], ["outcome_4"]]
        assert pending.draft["points"][1]["text"] == "Typed before the refusal."
