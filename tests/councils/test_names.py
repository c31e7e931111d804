"""How a paper names a council: the default rule, and the operator's audited correction."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.helpers.client import PageClient
from tests.helpers.data import committed
from tests.helpers.factories import make_user
from tracker.councils.names import default_possessive, default_short_name
from tracker.extensions import db
from tracker.models import AuditEvent, Authority, Role


@pytest.mark.parametrize(
    ("name", "short", "possessive"),
    [
        ("Leeds City Council", "Leeds", "Leeds’"),
        ("Kirklees Council", "Kirklees", "Kirklees’"),
        ("St Helens Borough Council", "St Helens", "St Helens’"),
        (
            "Bournemouth, Christchurch and Poole Council",
            "Bournemouth, Christchurch and Poole",
            "Bournemouth, Christchurch and Poole’s",
        ),
        ("London Borough of Tower Hamlets", "Tower Hamlets", "Tower Hamlets’"),
        ("Royal Borough of Kingston upon Thames", "Kingston upon Thames", "Kingston upon Thames’"),
        ("City of York Council", "York", "York’s"),
        ("Leicestershire County Council", "Leicestershire", "Leicestershire’s"),
        ("Wirral Metropolitan Borough Council", "Wirral", "Wirral’s"),
        ("City of London Corporation", "City of London", "City of London’s"),
        ("Council of the Isles of Scilly", "Isles of Scilly", "Isles of Scilly’s"),
    ],
)
def test_the_default_rule_gives_the_place_and_its_possessive(name, short, possessive):
    assert default_short_name(name) == short
    assert default_possessive(short) == possessive


def test_a_new_authority_is_named_by_the_rule_unless_told_otherwise(app):
    with app.app_context():
        leeds = Authority(name="Leeds City Council", slug="leeds-x")
        assert (leeds.short_name, leeds.possessive) == ("Leeds", "Leeds’")
        told = Authority(name="Sefton Council", slug="sefton", possessive="Sefton’s")
        assert (told.short_name, told.possessive) == ("Sefton", "Sefton’s")


@pytest.fixture
def operator(app):
    with committed(app):
        return make_user(None, Role.OPERATOR)


def test_an_operator_changes_how_papers_name_a_council_and_it_is_audited(app, world, operator):
    client = PageClient(app)
    client.sign_in(operator)
    council_id = world.owner.authority_id
    shown = client.get_page("councils.show", authority_id=council_id).select_one("#names").get_text(" ", strip=True)
    with committed(app):
        council = db.session.get(Authority, council_id)
        before = (council.short_name, council.possessive)
    assert f"{before[0]}; {before[1]}" in shown
    form = client.get_page("councils.names", authority_id=council_id)
    assert (form.select_one("#short_name")["value"], form.select_one("#possessive")["value"]) == before
    data = {"short_name": " City of  Leicester ", "possessive": "City of Leicester's"}
    response = client.post_form("councils.names", data, status=302, authority_id=council_id)
    assert response.location.endswith(f"/councils/{council_id}")
    with committed(app):
        council = db.session.get(Authority, council_id)
        assert (council.short_name, council.possessive) == ("City of Leicester", "City of Leicester’s")
        events = db.session.scalars(
            select(AuditEvent).where(
                AuditEvent.authority_id == council_id, AuditEvent.event == "changed", AuditEvent.actor_id == operator.id
            )
        ).all()
    assert sorted((e.field, e.before, e.after) for e in events) == [
        ("possessive", before[1], "City of Leicester’s"),
        ("short_name", before[0], "City of Leicester"),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"short_name": "", "possessive": "Leeds’"}, "Enter the council's short name"),
        ({"short_name": "Leeds", "possessive": ""}, "Enter the short name in the possessive"),
        ({"short_name": "Leeds", "possessive": "Leed's"}, "Enter the short name followed by ’ or ’s"),
    ],
)
def test_a_refused_change_says_why_keeps_what_was_typed_and_changes_nothing(app, world, operator, data, message):
    client = PageClient(app)
    client.sign_in(operator)
    council_id = world.owner.authority_id
    with committed(app):
        council = db.session.get(Authority, council_id)
        before = (council.short_name, council.possessive)
    page = client.post_form("councils.names", data, authority_id=council_id)
    assert message in page.select_one(".govuk-error-summary").get_text()
    assert page.select_one("#short_name").get("value", "") == data["short_name"]
    with committed(app):
        council = db.session.get(Authority, council_id)
        assert (council.short_name, council.possessive) == before
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.actor_id == operator.id)) is None


def test_a_councils_administrator_changes_its_own_names_and_no_other_councils(app, world):
    client = PageClient(app)
    client.sign_in(world.admin)
    assert client.get("councils.names", authority_id=world.admin.authority_id).status_code == 403
    link = client.get_page("accounts.users").select_one("#names a")
    assert link["href"] == client.url("councils.own_names")
    data = {"short_name": "Leicester", "possessive": "Leicester’s city"}
    page = client.post_form("councils.own_names", data)
    assert "Enter the short name followed by ’ or ’s" in page.select_one(".govuk-error-summary").get_text()
    data = {"short_name": "City of Leicester", "possessive": "City of Leicester’s"}
    response = client.post_form("councils.own_names", data, status=302)
    assert response.location.endswith(client.url("accounts.users"))
    with committed(app):
        council = db.session.get(Authority, world.admin.authority_id)
        assert (council.short_name, council.possessive) == ("City of Leicester", "City of Leicester’s")
        changed = db.session.scalars(select(AuditEvent).where(AuditEvent.event == "changed")).all()
        assert {(e.authority_id, e.actor_id, e.field) for e in changed} == {
            (council.id, world.admin.id, "short_name"),
            (council.id, world.admin.id, "possessive"),
        }
        leeds = db.session.scalar(select(Authority).where(Authority.name == "Leeds City Council"))
        assert (leeds.short_name, leeds.possessive) == ("Leeds", "Leeds’")
