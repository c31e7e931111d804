"""The three journeys under load, one Locust user class per kind of user (issue 8).

Weights and think times are explained in docs/decisions.md ("Performance (issue 8)"). Every user signs in
once, as a person of its own where the data set has enough (`demo generate` makes at least 20 service
managers, 3 directors and 2 committee members per council), spread over the councils. Nobody signs out:
signing out ends every session of that person, and a person shared by two simulated users would lose it.

The run (the shape below): -u users start, -r a second, each signing in; -t seconds are counted from when
the last of them has signed in, so the figures measured are of that many people using the service at once.
Every request is written to --requests-file with its phase (signing in, measured, after), for
tests/load/figures.py.

`python -m tests.load` runs this against a server it sets up; by hand, against a server whose database
holds `demo generate --authorities N` data with published committee reports:
`locust -f tests/load/locustfile.py --headless -u 50 -r 10 -t 60s --host http://127.0.0.1:8000 --councils N`.
"""

from __future__ import annotations

import csv
import html
import itertools
import random
import re
import time

import gevent
from locust import FastHttpUser, LoadTestShape, between, events, task

PASSWORD = "improve-for-children"  # the demo generator's
ACTION = re.compile(r'href="/actions/(\d+)"')
SIGN_OFF = re.compile(r'href="/actions/(\d+)/sign-off"')
REPORT = re.compile(r'href="/reports/(\d+)"')
RAG_ORDER = {"green": 0, "amber": 1, "red": 2}
_numbers: dict[str, itertools.count] = {}


class _Run:
    run_time = 60  # seconds measured: -t
    users = 0  # -u
    signed_in = 0  # users whose sign-in has been answered
    measuring_since: float | None = None  # when the last of them had
    requests: list[list[str]] = []  # every request, written to --requests-file at the end


@events.init_command_line_parser.add_listener
def _options(parser) -> None:
    parser.add_argument("--councils", type=int, default=4, help="how many councils demo generate made")
    parser.add_argument("--requests-file", default="", help="write every request here (CSV)")


@events.init.add_listener
def _init(environment, **_kwargs) -> None:
    _Run.run_time = environment.parsed_options.run_time or 60
    _Run.users = environment.parsed_options.num_users


def _signed_in() -> None:
    _Run.signed_in += 1
    if _Run.signed_in == _Run.users:
        _Run.measuring_since = time.time()


@events.request.add_listener
def _note(name, response_time, exception, start_time, **_kwargs) -> None:
    since = _Run.measuring_since
    if since is None or start_time < since:
        phase = "signing in"
    else:
        phase = "measured" if start_time < since + _Run.run_time else "after"
    _Run.requests.append([f"{start_time:.3f}", phase, name, f"{response_time:.1f}", str(exception or "")])


@events.quitting.add_listener
def _write(environment, **_kwargs) -> None:
    if environment.parsed_options.requests_file:
        with open(environment.parsed_options.requests_file, "w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(["started", "phase", "name", "ms", "error"])
            writer.writerows(_Run.requests)
            if _Run.measuring_since is not None:
                writer.writerow([f"{_Run.measuring_since:.3f}", "measuring starts", "", "", ""])


class SignedInThenMeasured(LoadTestShape):
    """-u users, -r more a second, until -t seconds after the last of them has signed in."""

    use_common_options = True

    def tick(self):
        if _Run.measuring_since is not None and time.time() >= _Run.measuring_since + _Run.run_time:
            return None
        return _Run.users, self.runner.environment.parsed_options.spawn_rate


def _inputs(page: str, name: str) -> list[str]:
    return re.findall(rf'<input[^>]*\bname="{name}"[^>]*>', page)


def _value(tag: str) -> str:
    found = re.search(r'\bvalue="([^"]*)"', tag)
    return html.unescape(found.group(1)) if found else ""


def hidden(page: str, name: str) -> str:
    tags = _inputs(page, name)
    return _value(tags[0]) if tags else ""


def checked(page: str, name: str) -> str | None:
    return next((_value(tag) for tag in _inputs(page, name) if re.search(r"\schecked\b", tag)), None)


def options(page: str, select: str) -> list[str]:
    found = re.search(rf'<select[^>]*\bname="{select}"[^>]*>(.*?)</select>', page, re.S)
    return [html.unescape(v) for v in re.findall(r'value="([^"]+)"', found.group(1))] if found else []


class Journey(FastHttpUser):
    """Signs in at the start and checks every page: 200, still signed in, the title expected."""

    abstract = True
    label = ""  # request names start with it, so figures can be grouped by journey
    account = ""  # the demo generator's email prefix for the role
    per_council = 1

    def on_start(self) -> None:
        n = next(_numbers.setdefault(self.account, itertools.count()))
        councils = self.environment.parsed_options.councils
        self.email = f"{self.account}{n // councils % self.per_council + 1}@demo-{n % councils + 1}.example.org"
        form = self.page("/sign-in", "Sign-in page", title="Sign in")
        self.home = self.page(
            "/sign-in",
            "Sign in (password checked, then home)",
            method="POST",
            data={"csrf_token": hidden(form, "csrf_token"), "email": self.email, "password": PASSWORD},
        )
        _signed_in()

    def page(self, path: str, name: str, *, title: str | None = None, method: str = "GET", **kwargs) -> str:
        with self.client.request(method, path, name=f"{self.label}: {name}", catch_response=True, **kwargs) as response:
            text = response.text or ""
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {path}")
            elif "<title>Sign in –" in text and title != "Sign in":
                response.failure(f"the sign-in page instead, at {path} ({self.email})")
            elif title and f"<title>{title} –" not in text:
                response.failure(f"not the page {title!r} at {path}")
            return text

    def think(self, low: float, high: float) -> None:
        """A pause inside a task, such as typing into a form."""
        gevent.sleep(random.uniform(low, high))


class ServiceManager(Journey):
    """Keeps their actions up to date: My actions, an action, now and then a progress update and RAG."""

    weight = 7
    wait_time = between(2, 6)
    label = "Service manager"
    account = "service-manager"
    per_council = 20

    def on_start(self) -> None:
        super().on_start()
        self.actions = ACTION.findall(self.home)

    @task(3)
    def my_actions(self) -> None:
        self.actions = ACTION.findall(self.page("/my-actions", "My actions", title="My actions")) or self.actions

    @task(4)
    def open_action(self) -> None:
        if self.actions:
            self.page(f"/actions/{random.choice(self.actions)}", "An action's page")

    @task(2)
    def update_progress(self) -> None:
        if not self.actions:
            return
        action = random.choice(self.actions)
        path = f"/actions/{action}/progress"
        form = self.page(path, "Progress form", title="Update progress")
        current = checked(form, "rag")
        if current is None:  # signed off meanwhile, or the page failed: nothing to update
            return
        rag = current if random.random() < 0.6 else random.choice(list(RAG_ORDER))
        self.think(3, 8)
        data = {
            "csrf_token": hidden(form, "csrf_token"),
            "version": hidden(form, "version"),
            "seen_event": hidden(form, "seen_event"),
            "rag": rag,
            "rag_reason": f"Rated {rag}: the monthly audit of this area was reviewed at the service meeting.",
            "recovery": "Weekly review with team managers until it is back on track."
            if RAG_ORDER[rag] > RAG_ORDER[current]
            else "",
            "narrative": "Practice audits completed this month; the findings went to team managers.",
        }
        with self.client.post(
            path, data=data, name=f"{self.label}: Progress update saved", catch_response=True
        ) as response:
            if response.status_code != 200 or "Progress update saved" not in (response.text or ""):
                response.failure(f"update of action {action} not saved ({response.status_code}, {self.email})")


class Director(Journey):
    """Reviews exceptions: the dashboard, the overdue list filtered and paged, actions, sign-off, the CSV."""

    weight = 2
    wait_time = between(2, 6)
    label = "Director"
    account = "director"
    per_council = 3

    def on_start(self) -> None:
        super().on_start()
        self.actions = ACTION.findall(self.home)
        self.filters: dict[str, list[str]] = {}

    @task(3)
    def dashboard(self) -> None:
        page = self.page("/dashboard", "Dashboard", title="Improvement plan dashboard")
        self.actions = ACTION.findall(page) or self.actions

    @task(2)
    def overdue(self) -> None:
        page = self.page("/overdue", "Overdue list, first page", title="Overdue actions and milestones")
        self.actions = ACTION.findall(page) or self.actions
        self.filters = {name: options(page, name) for name in ("theme", "owner", "inspection")}

    @task(3)
    def overdue_filtered(self) -> None:
        """One or two filters, another sort or a later page, as a director narrows the list down."""
        query = random.choice(
            [
                {"rag": random.choice(["red", "amber", "green"])},
                {"sort": random.choice(["owner", "rag"])},
                {"page": str(random.randint(2, 5))},
                *({name: random.choice(values)} for name, values in self.filters.items() if values),
                {"rag": "red", "sort": "owner"},
            ]
        )
        page = self.page(
            "/overdue?" + "&".join(f"{k}={v}" for k, v in query.items()),
            "Overdue list, filtered, sorted or a later page",
            title="Overdue actions and milestones",
        )
        self.actions = ACTION.findall(page) or self.actions

    @task(3)
    def open_action(self) -> None:
        if self.actions:
            self.page(f"/actions/{random.choice(self.actions)}", "An action's page")

    @task(1)
    def sign_off(self) -> None:
        waiting = SIGN_OFF.findall(self.page("/sign-off", "Sign-off queue", title="Waiting for sign-off"))
        if waiting:
            self.page(f"/actions/{random.choice(waiting)}/sign-off", "Review for sign-off", title="Review for sign-off")

    @task(1)
    def export_csv(self) -> None:
        with self.client.get("/overdue.csv", name=f"{self.label}: Overdue export, CSV", catch_response=True) as r:
            if r.status_code != 200 or not (r.headers or {}).get("content-type", "").startswith("text/csv"):
                r.failure(f"no CSV ({r.status_code})")


class CommitteeMember(Journey):
    """Reads published reports: their home (the list), a report on the web, sometimes its PDF."""

    weight = 1
    wait_time = between(2, 6)
    label = "Committee member"
    account = "committee-member"
    per_council = 2

    def on_start(self) -> None:
        super().on_start()
        self.reports = REPORT.findall(self.home)

    @task(2)
    def home(self) -> None:
        self.reports = REPORT.findall(self.page("/", "Home (published reports)", title="Committee reports"))

    @task(3)
    def read_report(self) -> None:
        if self.reports:
            self.page(f"/reports/{random.choice(self.reports)}", "A published report")

    @task(1)
    def download_pdf(self) -> None:
        if not self.reports:
            return
        path = f"/reports/{random.choice(self.reports)}/download.pdf"
        with self.client.get(path, name=f"{self.label}: A published report, PDF", catch_response=True) as r:
            if r.status_code != 200 or not (r.content or b"").startswith(b"%PDF"):
                r.failure(f"no PDF ({r.status_code})")
