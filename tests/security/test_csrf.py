"""Every state-changing route refuses a request without a valid CSRF token (CSRF on, as in production)."""

from tests.helpers.data import committed, snapshot
from tests.helpers.factories import make_user
from tests.test_route_access import _example_url
from tracker.models import Role


def test_every_post_route_refuses_a_missing_or_wrong_token(csrf_client):
    app = csrf_client.app
    with committed(app):
        admin = make_user(role=Role.ADMINISTRATOR)
    rules = [r for r in app.url_map.iter_rules() if r.methods & {"POST", "PUT", "PATCH", "DELETE"}]
    assert len(rules) >= 20
    before = snapshot(app)
    for signed_in in (False, True):
        if signed_in:
            csrf_client.sign_in(admin)
        for rule in rules:
            url = _example_url(rule)
            for token in (None, "forged-token"):
                data = {"csrf_token": token} if token else {}
                response = csrf_client.http.post(url, data=data)
                assert response.status_code == 400, f"POST {url} without a valid token: {response.status_code}"
                assert "Nothing has been saved" in response.get_data(as_text=True)
    assert snapshot(app) == before
