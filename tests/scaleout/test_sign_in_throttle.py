"""The sign-in throttle across processes: gunicorn with 4 workers (as `make load` and README's production
set-up run it) counting in one Redis (RATELIMIT_STORAGE_URI), behind one proxy (X-Forwarded-For plays
each request's address).

Failed sign-ins sent at once land on different workers (sync workers serve one request each at a time;
the access log names the worker), yet the account pauses at exactly the configured count; and a browser
that has signed in before keeps its own allowance there too, used up at exactly its own count.
"""

from __future__ import annotations

import http.client
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bs4 import BeautifulSoup

from tests.helpers.factories import PASSWORD, make_user
from tracker.auth import devices, throttle
from tracker.extensions import db

WORKERS = 4
WRONG = "not the right password at all"
ACCESS_LOG = "%(p)s %(m)s %(U)s %(s)s"  # <worker pid>, method, path, status
ACCESS_LINE = re.compile(r"^<(\d+)> POST /sign-in (\d{3})$", re.MULTILINE)
REQUEST_SECONDS = 20


class Browser:
    """One browser at one network address: its own cookies, redirects not followed."""

    def __init__(self, server_url: str, address: str, device_cookie: str | None = None):
        self.host = urlsplit(server_url).netloc
        self.address = address
        self.cookies: dict[str, str] = {devices.COOKIE: device_cookie} if device_cookie else {}

    def request(self, method: str, path: str, data: dict[str, str] | None = None) -> tuple[int, str]:
        headers = {"X-Forwarded-For": self.address}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = urlencode(data) if data is not None else None
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(self.host, timeout=REQUEST_SECONDS)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.read().decode(errors="replace")
        finally:
            connection.close()

    def open_sign_in(self) -> str:
        """The sign-in form's CSRF token (development's configuration checks it, as production's does)."""
        status, page = self.request("GET", "/sign-in")
        assert status == 200, page[:300]
        return BeautifulSoup(page, "html.parser").select_one("input[name=csrf_token]")["value"]

    def post_sign_in(self, token: str, email: str, password: str) -> int:
        status, page = self.request("POST", "/sign-in", {"csrf_token": token, "email": email, "password": password})
        if status == 200:  # a failure is the form again with its message, not anything else
            assert "Enter a correct email address and password" in page, page[:500]
        return status

    def sign_in(self, email: str, password: str) -> int:
        return self.post_sign_in(self.open_sign_in(), email, password)


def together(browsers: list[Browser], email: str, password: str) -> list[int]:
    """Each browser opens the form, then all post at the same moment, each in its own thread."""
    barrier = threading.Barrier(len(browsers), timeout=REQUEST_SECONDS)

    def attempt(browser: Browser) -> int:
        token = browser.open_sign_in()
        barrier.wait()
        return browser.post_sign_in(token, email, password)

    with ThreadPoolExecutor(max_workers=len(browsers)) as pool:
        return list(pool.map(attempt, browsers))


def sign_in_posts(access_log: Path) -> list[tuple[str, int]]:
    """(worker pid, status) of every POST /sign-in so far, in the order they were answered."""
    return [(pid, int(status)) for pid, status in ACCESS_LINE.findall(access_log.read_text())]


def workers_that_failed(posts: list[tuple[str, int]]) -> set[str]:
    return {pid for pid, status in posts if status == 200}


def test_four_workers_count_failed_sign_ins_together_in_redis(shared_app, start_servers, redis_url, tmp_path):
    with shared_app.app_context():
        email = make_user().email
        db.session.commit()
    access_log = tmp_path / "access.log"
    (server,) = start_servers(
        1,
        workers=WORKERS,
        threads=1,  # sync workers: one request each at a time, so requests sent at once spread over them
        options=("--access-logfile", str(access_log), "--access-logformat", ACCESS_LOG),
        settings={"RATELIMIT_STORAGE_URI": redis_url, "PROXY_COUNT": "1"},
    )
    own = Browser(server.url, "192.0.2.10")
    assert own.sign_in(email, PASSWORD) == 302
    device_cookie = own.cookies[devices.COOKIE]

    # Strangers: the account's untrusted allowance from five addresses, under each address's own limit.
    allowed = throttle.ACCOUNT_LIMIT.amount
    per_address = throttle.ACCOUNT_FROM_ADDRESS_LIMIT.amount - 1
    strangers = [Browser(server.url, f"203.0.113.{n // per_address}") for n in range(allowed)]
    assert together(strangers, email, WRONG) == [200] * allowed
    assert len(workers_that_failed(sign_in_posts(access_log))) == WORKERS, sign_in_posts(access_log)
    # Paused at exactly that count, whichever worker answers next.
    for n in range(WORKERS * 2):
        assert Browser(server.url, f"198.51.100.{n}").sign_in(email, PASSWORD) == 429

    # The person's own browser, from a new address, is not paused by them.
    assert Browser(server.url, "198.51.100.200", device_cookie).sign_in(email, PASSWORD) == 302

    # Its own allowance is counted across the workers too: its failures at once, then it is paused.
    allowed = throttle.DEVICE_LIMIT.amount
    copies = [Browser(server.url, f"192.0.2.{20 + n}", device_cookie) for n in range(allowed)]
    earlier = len(sign_in_posts(access_log))
    assert together(copies, email, WRONG) == [200] * allowed
    assert len(workers_that_failed(sign_in_posts(access_log)[earlier:])) > 1, sign_in_posts(access_log)
    for n in range(WORKERS * 2):
        assert Browser(server.url, f"192.0.2.{40 + n}", device_cookie).sign_in(email, PASSWORD) == 429

    assert "Traceback" not in server.log.read_text(errors="replace"), server.log_tail()
