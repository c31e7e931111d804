"""One person's browser talking to a real server over HTTP: its own cookies, redirects not followed."""

from __future__ import annotations

import http.cookiejar
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message
from functools import cached_property

from bs4 import BeautifulSoup

from tests.helpers.factories import PASSWORD

REQUEST_SECONDS = 20

# A form's fields: a list for a field sent several times (the three boxes of a GOV.UK date).
Fields = dict[str, str | list[str]]


@dataclass
class Response:
    status: int
    headers: Message
    text: str

    @cached_property
    def page(self) -> BeautifulSoup:
        return BeautifulSoup(self.text, "html.parser")


@dataclass(frozen=True)
class Upload:
    name: str
    content: bytes
    content_type: str


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect comes back as the response itself


def multipart(fields: Fields, files: dict[str, Upload]) -> tuple[bytes, str]:
    """A multipart/form-data body, as a browser sends a form with a file, and its Content-Type."""
    boundary = secrets.token_hex(16)
    parts = []
    for name, value in fields.items():
        for one in value if isinstance(value, list) else [value]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{one}\r\n'.encode())
    for name, upload in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{upload.name}"\r\n'
            f"Content-Type: {upload.content_type}\r\n\r\n"
        )
        parts.append(head.encode() + upload.content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Browser:
    """One person's browser on one server."""

    def __init__(self, server_url: str):
        self.server_url = server_url
        cookies = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        self._opener = urllib.request.build_opener(cookies, _NoRedirects())

    def request(self, path: str, data: Fields | None = None, files: dict[str, Upload] | None = None) -> Response:
        headers = {}
        if files:
            body, headers["Content-Type"] = multipart(data or {}, files)
        else:
            body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.server_url + path, data=body, headers=headers)
        try:
            with self._opener.open(request, timeout=REQUEST_SECONDS) as response:
                return Response(response.status, response.headers, response.read().decode())
        except urllib.error.HTTPError as error:  # redirects, refusals and faults alike
            with error:
                return Response(error.code, error.headers, error.read().decode(errors="replace"))

    def open_form(self, path: str) -> dict[str, str]:
        response = self.request(path)
        assert response.status == 200, f"GET {self.server_url}{path}: {response.status} {response.text[:300]}"
        return hidden_fields(response.page)

    def sign_in(self, email: str) -> None:
        response = self.request("/sign-in")
        fields = hidden_fields(response.page, form=response.page.find("input", {"name": "email"}).find_parent("form"))
        response = self.request("/sign-in", {**fields, "email": email, "password": PASSWORD})
        assert response.status == 302, f"sign-in as {email}: {response.status} {response.text[:300]}"


def hidden_fields(page: BeautifulSoup, form=None) -> dict[str, str]:
    """The hidden inputs a save must send back: the CSRF token, and on versioned forms the version and the
    newest event seen."""
    form = form or page.select_one("form#form") or page.select_one("main form")
    return {tag["name"]: tag.get("value", "") for tag in form.select("input[type=hidden]")}
