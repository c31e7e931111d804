"""Hostile or awkward input to the import pages: never a 500, never another authority's people, nothing lost."""

import io

import pytest
from sqlalchemy import select

from tests.helpers.data import committed
from tests.imports.test_import import FOCUSED_VISIT, _review_fields, _start
from tracker.actions.drafting import draft_title
from tracker.extensions import db
from tracker.models import DocumentImport

LEEDS_LETTER = FOCUSED_VISIT.parent / "002_6621623bf4a0c081.txt"  # names Leeds City Council


@pytest.mark.parametrize(
    "changes",
    [
        {"operation": ["remove-point-²"]},
        {"operation": ["remove-point-99999999999999999999"]},
        {"operation": ["split-point--1"]},
        {"operation": ["explode"]},
        {"authority_id": ["9" * 25], "operation": ["save"]},
        {"owner_id": ["²"], "lead_director_id": ["abc"], "operation": ["save"]},
        {"points-0-kind": ["not_a_kind"], "doc_type": ["nonsense"], "operation": ["confirm"]},
    ],
)
def test_hostile_review_input_is_answered_and_the_import_still_opens(client, world, changes):
    client.sign_in(world.director)
    url = _start(client, pasted=FOCUSED_VISIT.read_text())
    response = client.http.post(url, data={**_review_fields(client, url), **changes})
    assert response.status_code in (200, 302), response.status_code
    page = client.get_page(url)
    assert len(page.select("textarea[id^=points][id$=-text]")) == 3


def test_a_kind_not_on_the_list_is_refused_in_plain_words(client, world):
    client.sign_in(world.director)
    url = _start(client, pasted=FOCUSED_VISIT.read_text())
    data = {**_review_fields(client, url), "points-0-kind": ["not_a_kind"], "operation": ["confirm"]}
    summary = client.post_form(url, data).select_one(".govuk-error-summary").get_text()
    assert "Point 1: Choose the kind of point from the list" in summary


def test_a_new_judgement_has_no_grade_until_one_is_chosen(client, world):
    client.sign_in(world.director)
    url = _start(client, pasted=FOCUSED_VISIT.read_text())
    client.post_form(url, {**_review_fields(client, url), "operation": ["add-judgement"]})
    page = client.get_page(url)
    selects = page.select("select[id$=-grade]")
    assert selects[-1].select_one("option[selected]")["value"] == ""
    data = {**_review_fields(client, url), "operation": ["confirm"]}
    summary = client.post_form(url, data).select_one(".govuk-error-summary").get_text()
    assert f"Judgement {len(selects)}: Choose the grade" in summary


def test_a_point_is_added_where_it_was_missed(client, world):
    client.sign_in(world.director)
    url = _start(client, pasted=FOCUSED_VISIT.read_text())
    client.post_form(url, {**_review_fields(client, url), "operation": ["add-point-after-0"]})
    texts = [t.get_text() for t in client.get_page(url).select("textarea[id^=points][id$=-text]")]
    assert texts[1] == "" and len(texts) == 4


def test_a_long_pasted_document_is_accepted(client, world):
    client.sign_in(world.director)
    text = FOCUSED_VISIT.read_text() + "\n\nAnnex\n\n" + ("Further detail of the visit. " * 24_000)
    assert len(text.encode()) > 600_000
    url = _start(client, pasted=text, file=(io.BytesIO(b""), ""))
    assert client.get(url).status_code == 200


def test_discarding_asks_first(client, world):
    client.sign_in(world.director)
    url = _start(client, pasted=FOCUSED_VISIT.read_text())
    import_id = int(url.rsplit("/", 1)[1])
    page = client.get_page("imports.discard", import_id=import_id)
    assert page.find("button", string="Discard the document")
    with committed(client.app):
        assert db.session.scalar(select(DocumentImport.id)) == import_id


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Ensure that children's plans (e.g. child in need plans) are reviewed. Then more.", None),
        ("...", "Respond to recommendation 3"),
        ("The quality of assessments. This was raised before.", "The quality of assessments"),
    ],
)
def test_a_draft_actions_title_is_the_points_first_sentence(text, title):
    expected = title or "Ensure that children's plans (e.g. child in need plans) are reviewed"
    assert draft_title(text, "Recommendation 3") == expected
