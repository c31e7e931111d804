"""A document is confirmed only with its publication date (issue 19): read from the document where it prints
one, otherwise typed on the review page, so Ofsted's deadline for the action plan always shows."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.helpers.data import committed
from tests.imports.readings import reading, start_reading
from tests.imports.test_import import FOCUSED_VISIT, _choose_people, _review_fields, _start
from tracker.extensions import db
from tracker.inspections.publication import BEFORE_VISIT, IN_FUTURE, MISSING
from tracker.models import Inspection


def _inspections(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(Inspection.id)))


def test_the_date_a_document_prints_is_read_onto_the_review_page(client, world):
    client.sign_in(world.director)
    page = client.get_page(_start(client, pasted=FOCUSED_VISIT.read_text()))  # "Published: 30 January 2023"
    assert [page.select_one(f"#published-{part}")["value"] for part in ("day", "month", "year")] == ["30", "1", "2023"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [(["", "", ""], MISSING), (["23", "11", "2026"], IN_FUTURE), (["12", "3", "2026"], BEFORE_VISIT)],
)
def test_confirming_without_a_proper_publication_date_is_refused_and_keeps_what_was_typed(
    client, world, typed, message
):
    client.sign_in(world.director)
    url = start_reading(client, world.director, reading("not dated", published=None))  # visit ended 13 March
    data = _choose_people(_review_fields(client, url), world)
    data.update({"published": typed, "points-0-text": ["Help for children in need, as the reviewer put it."]})
    page = client.post_form(url, {**data, "operation": ["confirm"]}, status=200)
    assert message in page.select_one(".govuk-error-summary").get_text()
    assert _inspections(client.app) == 2  # the world's two, nothing more
    page = client.get_page(url)
    assert page.select_one("#points-0-text").get_text() == "Help for children in need, as the reviewer put it."
    assert page.select_one("#owner_id option[selected]")["value"] == str(world.owner.id)


def test_confirmed_with_its_publication_date_the_statutory_deadline_shows(client, world):
    client.sign_in(world.director)
    url = start_reading(client, world.director, reading("dated by hand", published=None))
    data = {**_choose_people(_review_fields(client, url), world), "published": ["17", "4", "2026"]}
    response = client.post_form(url, {**data, "operation": ["confirm"]}, status=302)
    with committed(client.app):
        inspection = db.session.scalar(select(Inspection).order_by(Inspection.id.desc()))
        assert inspection.published == date(2026, 4, 17)
    deadlines = client.get_page(response.location).select_one("#deadlines").get_text(" ", strip=True)
    # 70 working days from Friday 17 April 2026, past the May bank holidays.
    assert "Action plan to Ofsted" in deadlines and "Due 28 July 2026" in deadlines
