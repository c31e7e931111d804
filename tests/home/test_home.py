from tests.helpers.data import committed
from tests.helpers.factories import make_action, make_authority, make_inspection, make_point, make_user
from tracker.models import Role


def test_each_role_has_its_home(client):
    with committed(client.app):
        authority = make_authority()
        users = {role: make_user(authority, role) for role in Role}
    expected = {
        Role.SERVICE_MANAGER: "/my-actions",
        Role.DIRECTOR: "/dashboard",
        Role.ADMINISTRATOR: "/dashboard",
        Role.COMMITTEE_MEMBER: "/reports",
    }
    for role, location in expected.items():
        client.sign_in(users[role])
        assert client.get("home.index").location == location


def test_committee_members_do_not_see_the_working_plan(client):
    with committed(client.app):
        authority = make_authority()
        make_action(make_point(make_inspection(authority)), make_user(authority), title="Working draft")
        member = make_user(authority, Role.COMMITTEE_MEMBER)
    client.sign_in(member)
    page = client.get_page("reports.index")
    assert page.h1.get_text(strip=True) == "Committee reports"
    assert "Working draft" not in page.get_text()
    assert client.get("actions.plan").status_code == 403
