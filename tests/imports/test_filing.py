"""Documents are filed under the council they name (issue 19): refused for another council's people, filed
by the service operator under the council named, that council added first when it is not on the service."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.helpers.data import committed, snapshot
from tests.helpers.factories import make_user
from tests.imports.test_import import FOCUSED_VISIT, _review_fields, _start
from tracker.extensions import db
from tracker.models import AuditEvent, Authority, DocumentImport, Role

LEEDS_LETTER = FOCUSED_VISIT.parent / "002_6621623bf4a0c081.txt"  # Leeds City Council's focused visit, 2021


def _letter_about(place: str) -> str:
    """Leeds's letter as if it were about another place (a document of our own, not a real one)."""
    return LEEDS_LETTER.read_text().replace("Leeds", place)


@pytest.fixture
def operator(app):
    with committed(app):
        return make_user(None, Role.OPERATOR)


@pytest.mark.parametrize("who", ["director", "admin"])
def test_another_councils_document_is_refused_for_a_councils_own_people_and_nothing_is_kept(client, world, who):
    client.sign_in(getattr(world, who))
    before = snapshot(client.app)
    page = client.post_form("imports.new", {"pasted": LEEDS_LETTER.read_text()}, status=200)
    assert (
        page.select_one(".govuk-error-summary")
        .get_text(" ", strip=True)
        .endswith(
            "This report is about Leeds City Council, not Leicester City Council."
            " Ask the service operator to file it under Leeds."
        )
    )
    assert snapshot(client.app) == before  # no import, no draft, no audit event


def test_a_document_naming_no_council_we_know_is_not_refused_but_its_council_must_be_chosen(client, world):
    client.sign_in(world.director)
    url = _start(client, pasted=_letter_about("Ashcombe"))
    page = client.get_page(url)
    assert "The document names Ashcombe" in page.select_one("#authority-differs").get_text()
    assert page.select_one("#authority_id option[selected]")["value"] == ""  # not chosen for them
    data = {**_review_fields(client, url), "owner_id": [str(world.owner.id)], "operation": ["confirm"]}
    summary = client.post_form(url, data, status=200).select_one(".govuk-error-summary").get_text()
    assert "Choose the authority the document is about" in summary


def test_the_operator_files_a_document_under_the_council_it_names(client, world, operator):
    client.sign_in(operator)
    response = client.post_form("imports.new", {"pasted": LEEDS_LETTER.read_text()}, status=302)
    leeds = world.outsider.authority_id
    assert response.location == f"/councils/{leeds}"
    with committed(client.app):
        pending = db.session.scalar(select(DocumentImport))
        assert (pending.authority_id, pending.draft["authority_id"]) == (leeds, leeds)
    # Leeds's people review it; Leicester's do not see it.
    client.sign_in(world.outsider_director)
    assert client.get_page("imports.index").select_one("#pending a")["href"] == f"/imports/{pending.id}"
    client.sign_in(world.director)
    assert client.get(f"/imports/{pending.id}").status_code == 404


def test_the_operator_adds_the_council_a_document_names_and_files_it_there(client, world, operator):
    client.sign_in(operator)
    response = client.post_form("imports.new", {"pasted": _letter_about("Wokingham")}, status=302)
    page = client.get_page(response.location)
    assert page.select_one("#council")["value"] == "Wokingham Borough Council"  # its official name
    with committed(client.app):
        pending_id = db.session.scalar(select(DocumentImport.id).where(DocumentImport.authority_id.is_(None)))
    # No council's people can see it while it waits.
    client.sign_in(world.director)
    assert client.get(f"/imports/{pending_id}").status_code == 404
    client.sign_in(operator)
    assert "Pasted text" in client.get_page("imports.index").select_one("#pending").get_text()
    response = client.post_form(response.location, {"council": "Wokingham Borough Council"}, status=302)
    with committed(client.app):
        council = db.session.scalar(select(Authority).where(Authority.name == "Wokingham Borough Council"))
        assert response.location == f"/councils/{council.id}"
        assert db.session.get(DocumentImport, pending_id).authority_id == council.id
        events = db.session.execute(select(AuditEvent.entity_type, AuditEvent.event, AuditEvent.actor_id)).all()
        assert ("authority", "created", operator.id) in events
        assert ("document_import", "changed", operator.id) in events
    # Its first administrator, added as for any council, then reviews the document.
    with committed(client.app):
        admin = make_user(db.session.get(Authority, council.id), Role.ADMINISTRATOR)
    client.sign_in(admin)
    assert client.get(f"/imports/{pending_id}").status_code == 200


def test_a_document_the_operator_files_again_is_refused_as_a_council_would_be(client, world, operator):
    client.sign_in(operator)
    client.post_form("imports.new", {"pasted": LEEDS_LETTER.read_text()}, status=302)
    page = client.post_form("imports.new", {"pasted": LEEDS_LETTER.read_text()}, status=200)
    assert "already waiting to be reviewed" in page.select_one(".govuk-error-summary").get_text()


def test_the_operator_cannot_file_a_document_under_a_council_it_does_not_name(client, world, operator):
    client.sign_in(operator)
    url = client.post_form("imports.new", {"pasted": _letter_about("Wokingham")}, status=302).location
    before = snapshot(client.app)
    page = client.post_form(url, {"council": "Leeds City Council"}, status=200)
    assert (
        "The document is about Wokingham Borough Council, not Leeds City Council"
        in page.select_one(".govuk-error-summary").get_text()
    )
    assert snapshot(client.app) == before
