"""A test client that returns parsed pages and checks what every page must have.

Every HTML page: exactly one <h1>, a <title> that starts with the h1's text (after "Error: " when a
form has errors), and no duplicate ids.
"""

from __future__ import annotations

from collections import Counter

from bs4 import BeautifulSoup
from flask import Flask, url_for

from tracker.models import User
from tracker.sessions import session_fields
from tracker.timeutil import utcnow


class PageClient:
    def __init__(self, app: Flask):
        self.app = app
        self.http = app.test_client()

    def url(self, endpoint_or_path: str, **values) -> str:
        if endpoint_or_path.startswith("/"):
            return endpoint_or_path
        with self.app.test_request_context():
            return url_for(endpoint_or_path, **values)

    def sign_in(self, user: User) -> None:
        """Sign in as the user through Flask-Login's session keys (the sign-in form has its own tests)."""
        with self.http.session_transaction() as session:
            session.clear()
            session["_user_id"] = str(user.id)
            session["_fresh"] = True
            session.update(session_fields(user, utcnow()))

    def sign_out(self) -> None:
        with self.http.session_transaction() as session:
            session.clear()

    def get(self, endpoint_or_path: str, **values):
        return self.http.get(self.url(endpoint_or_path, **values))

    def get_page(self, endpoint_or_path: str, *, status: int = 200, **values) -> BeautifulSoup:
        response = self.get(endpoint_or_path, **values)
        assert response.status_code == status, f"{response.status_code} for {endpoint_or_path}: {response.text[:500]}"
        return check_page(response.get_data(as_text=True))

    def form_fields(self, endpoint_or_path: str, **values) -> dict[str, str]:
        """The hidden fields of the form on a page (version, seen event …), as a later POST needs them."""
        page = self.get_page(endpoint_or_path, **values)
        return {field["name"]: field.get("value", "") for field in page.select("input[type=hidden]")}

    def post_form(self, endpoint_or_path: str, data: dict, *, status: int = 200, follow: bool = False, **values):
        response = self.http.post(self.url(endpoint_or_path, **values), data=data, follow_redirects=follow)
        assert response.status_code == status, f"{response.status_code} for {endpoint_or_path}: {response.text[:500]}"
        if response.mimetype == "text/html" and response.status_code == 200:
            return check_page(response.get_data(as_text=True))
        return response


def check_page(html: str) -> BeautifulSoup:
    page = BeautifulSoup(html, "html.parser")
    headings = page.find_all("h1")
    assert len(headings) == 1, f"expected one <h1>, found {len(headings)}"
    h1 = normalise(headings[0].get_text())
    title = normalise(page.title.get_text()) if page.title else ""
    assert title.removeprefix("Error: ").startswith(h1), f"<title> {title!r} does not start with <h1> {h1!r}"
    ids = Counter(tag["id"] for tag in page.find_all(id=True))
    duplicates = [i for i, n in ids.items() if n > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    return page


def normalise(text: str) -> str:
    return " ".join(text.split())
