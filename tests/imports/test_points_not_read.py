"""Issue 17: a document whose improvement points could not be read is never accepted silently as one with
none. The review page says so, shows the passage for marking the points by hand, and refuses to confirm
with no points until the reviewer says the document has none (audited)."""

from sqlalchemy import select

from tests.helpers.data import committed, snapshot
from tests.imports.readings import MARKED, PASSAGE, TICKED, nothing_to_improve, start_reading, unread
from tests.imports.test_import import _choose_people, _review_fields
from tracker.extensions import db
from tracker.imports.operations import NONE_SAID
from tracker.models import AuditEvent, Inspection, PointKind

NOT_READ = "We could not read the improvement points in this document"


def _ticked(data: dict, lines: list[int], kind: str = "area_for_improvement") -> dict:
    return {**data, "passage_lines": [str(i) for i in lines], "mark_kind": [kind]}


def test_the_review_page_says_the_points_were_not_read_and_offers_their_passage(client, world):
    client.sign_in(world.director)
    page = client.get_page(start_reading(client, world.director, unread("not read")))
    assert NOT_READ in page.select_one("#points-not-read").get_text()
    boxes = page.select("input[name=passage_lines]")
    assert [page.select_one(f"label[for='{box['id']}']").get_text(strip=True) for box in boxes] == PASSAGE
    assert [box["value"] for box in boxes] == [str(i) for i in range(len(PASSAGE))]
    assert not [box for box in boxes if box.has_attr("checked")]
    kinds = [o["value"] for o in page.select("#mark_kind option")]
    assert kinds == ["", *PointKind]
    assert page.select_one("#no_points")["type"] == "checkbox"


def test_ticked_lines_become_points_by_the_joining_rule_when_the_import_is_confirmed(client, world):
    client.sign_in(world.director)
    url = start_reading(client, world.director, unread("ticked and confirmed"))
    data = _ticked(_choose_people(_review_fields(client, url), world), TICKED)
    client.post_form(url, {**data, "operation": ["confirm"]}, status=302)
    with committed(client.app):
        inspection = db.session.scalar(select(Inspection).order_by(Inspection.id.desc()))
        points = inspection.improvement_points
        assert [p.text for p in points] == MARKED
        assert {p.kind for p in points} == {PointKind.AREA_FOR_IMPROVEMENT}
        assert [p.number for p in points] == [1, 2, 3]
        assert all(len(p.actions) == 1 for p in points)


def test_adding_the_ticked_lines_shows_the_points_to_correct_before_confirming(client, world):
    client.sign_in(world.director)
    url = start_reading(client, world.director, unread("ticked and added"))
    data = _ticked(_review_fields(client, url), [5, 6], kind="recommendation")
    page = client.post_form(url, {**data, "operation": ["mark-points"]})
    texts = [t.get_text() for t in page.select("textarea[id^=points][id$=-text]")]
    assert texts == ["The response to children who go missing from home.", PASSAGE[6]]
    assert [o["value"] for o in page.select("select[id$=-kind] option[selected]")] == ["recommendation"] * 2
    assert not page.select("input[name=passage_lines][checked]")  # the lines are points now, not waiting to be added


def test_marking_says_what_is_missing_and_keeps_what_was_ticked(client, world):
    client.sign_in(world.director)
    url = start_reading(client, world.director, unread("marking refused"))
    page = client.post_form(url, {**_review_fields(client, url), "operation": ["mark-points"]})
    assert "Tick the lines that are improvement points" in page.select_one(".govuk-error-summary").get_text()

    data = {**_review_fields(client, url), "passage_lines": ["0", "1"], "operation": ["mark-points"]}
    page = client.post_form(url, data)
    assert "Choose the kind of the points you ticked" in page.select_one(".govuk-error-summary").get_text()
    ticked = [box["value"] for box in client.get_page(url).select("#passage input[checked]")]
    assert ticked == ["0", "1"]
    assert not client.get_page(url).select("textarea[id^=points]")


def test_an_unread_document_is_confirmed_with_no_points_only_when_the_reviewer_says_it_has_none(client, world):
    client.sign_in(world.director)
    url = start_reading(client, world.director, unread("said to have none"))
    before = snapshot(client.app)
    page = client.post_form(url, {**_review_fields(client, url), "operation": ["confirm"]})
    summary = page.select_one(".govuk-error-summary").get_text()
    assert "Tick the lines that are improvement points, or say that the document has none" in summary
    assert snapshot(client.app) == before

    data = {**_review_fields(client, url), "no_points": ["y"], "operation": ["confirm"]}
    client.post_form(url, data, status=302)
    with committed(client.app):
        inspection = db.session.scalar(select(Inspection).order_by(Inspection.id.desc()))
        assert inspection.improvement_points == []
        said = db.session.scalar(
            select(AuditEvent)
            .where(AuditEvent.entity_type == "inspection", AuditEvent.entity_id == inspection.id)
            .where(AuditEvent.event == "confirmed_without_points")
        )
        assert (said.actor_id, said.field, said.after) == (world.director.id, "improvement_points", NONE_SAID)


def test_a_document_with_nothing_to_improve_says_so_and_confirms_without_being_asked(client, world):
    client.sign_in(world.director)
    url = start_reading(client, world.director, nothing_to_improve("nothing to improve"))
    page = client.get_page(url)
    assert page.select_one("#nothing-to-improve").get_text(strip=True) == (
        "Ofsted listed nothing to improve in this document."
    )
    assert page.select_one("#points-not-read") is None and page.select_one("#no_points") is None
    client.post_form(url, {**_review_fields(client, url), "operation": ["confirm"]}, status=302)
    with committed(client.app):
        assert db.session.scalar(select(Inspection).order_by(Inspection.id.desc())).improvement_points == []
