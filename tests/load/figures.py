"""The load run's figures per request, per journey and overall, and the "Load test" section of docs/performance.md.

The section runs from its heading to the end of the file: `make bench` (tests/benchmark/report.py) rewrites
everything above it and keeps it; this module rewrites only it, keeping the run before as `make bench` does.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

SECTION = "## Load test"
LATEST = "### Latest load run"
PREVIOUS = "### Previous load run"
JOURNEYS = {"Service manager": "Service managers", "Director": "Directors", "Committee member": "Committee members"}
P95_LIMIT_MS = 500
SIGN_IN_PAGES = ("Sign-in page", "Sign in (password checked, then home)")  # as the locustfile names them
INTRO = f"""{SECTION}

Written by `make load` (tests/load/): `python -m tests.load`. A throwaway PostgreSQL, filled by `demo generate`
with the councils and actions below and two published committee reports per council; gunicorn with 4 sync
workers (the development configuration: production's only differences are HTTPS-only cookies, HSTS and its
start-up checks); Locust, headless on the same machine, running the three journeys of tests/load/locustfile.py
with simulated users in the proportions 7 service managers : 2 directors : 1 committee member, each signed
in as a person of their own and pausing 2 to 6 seconds between pages (and 3 to 8 more while typing a
progress update). Users start 10 a second and each signs in; the seconds measured are counted from when the
last of them has. docs/decisions.md ("Performance (issue 8)") says why. Times are in milliseconds from
sending the request to the end of the response, redirects followed. Issue 8's acceptance: no failed request,
and a 95th percentile under {P95_LIMIT_MS} ms over all requests measured.
"""


def journey_of(name: str) -> str:
    return next((j for j in JOURNEYS if name.startswith(f"{j}: ")), "")


@dataclass(frozen=True)
class Sample:
    started: float
    phase: str
    name: str
    ms: float
    error: str

    @property
    def journey(self) -> str:
        return journey_of(self.name)


@dataclass(frozen=True)
class Figures:
    name: str
    requests: int
    failures: int
    median_ms: float
    p95_ms: float
    p99_ms: float
    per_second: float

    @property
    def row(self) -> str:
        return (
            f"| {self.name} | {self.requests:,} | {self.failures:,} | {self.median_ms:.0f} | {self.p95_ms:.0f} "
            f"| {self.p99_ms:.0f} | {self.per_second:.1f} |"
        )


def _percentile(ordered: list[float], fraction: float) -> float:
    """Nearest rank: the time at or below which `fraction` of the requests finished."""
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)] if ordered else 0.0


def figures(name: str, samples: list[Sample], seconds: float) -> Figures:
    ordered = sorted(s.ms for s in samples)
    return Figures(
        name,
        requests=len(samples),
        failures=sum(1 for s in samples if s.error),
        median_ms=_percentile(ordered, 0.5),
        p95_ms=_percentile(ordered, 0.95),
        p99_ms=_percentile(ordered, 0.99),
        per_second=len(samples) / seconds if seconds else 0.0,
    )


def breakdown(samples: list[Sample], seconds: float, only=lambda name: True) -> list[Figures]:
    """All requests, then each journey, then each request name (by journey, then alphabetically)."""
    rows = [figures("**All requests**", samples, seconds)]
    for journey, plural in JOURNEYS.items():
        mine = [s for s in samples if s.journey == journey]
        if mine:
            rows.append(figures(f"**{plural}**", mine, seconds))
    order = [*JOURNEYS, ""]
    names = sorted({s.name for s in samples}, key=lambda n: (order.index(journey_of(n)), n))
    rows += [figures(n, [s for s in samples if s.name == n], seconds) for n in names if only(n)]
    return rows


@dataclass(frozen=True)
class Result:
    measured: list[Figures]  # the first is all requests
    signing_in: list[Figures]
    signing_in_seconds: float
    errors: Counter  # (request name, error): how many times, in any phase

    @property
    def overall(self) -> Figures:
        return self.measured[0]

    @property
    def passed(self) -> bool:
        return not self.errors and self.overall.requests > 0 and self.overall.p95_ms < P95_LIMIT_MS


def read(path: Path, run_time: int) -> Result:
    """From the file the locustfile writes (--requests-file): every request, with its phase."""
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    since = next((float(r["started"]) for r in rows if r["phase"] == "measuring starts"), None)
    samples = [
        Sample(float(r["started"]), r["phase"], r["name"], float(r["ms"]), r["error"])
        for r in rows
        if r["phase"] != "measuring starts"
    ]
    first = min((s.started for s in samples), default=0.0)
    signing_in = [s for s in samples if s.phase == "signing in"]
    seconds = (since - first) if since is not None else 0.0
    return Result(
        measured=breakdown([s for s in samples if s.phase == "measured"], run_time),
        signing_in=breakdown(signing_in, seconds, only=lambda n: n.endswith(SIGN_IN_PAGES)),
        signing_in_seconds=seconds,
        errors=Counter((s.name, s.error) for s in samples if s.error),
    )


def verdict(result: Result) -> str:
    overall = result.overall
    if result.passed:
        return (
            f"**Acceptance met**: no failed request; 95th percentile {overall.p95_ms:.0f} ms over all requests "
            f"measured (under {P95_LIMIT_MS} ms)."
        )
    reasons = []
    if result.errors:
        reasons.append(f"{sum(result.errors.values()):,} failed requests")
    if overall.p95_ms >= P95_LIMIT_MS:
        slow = [f.name for f in result.measured[1:] if f.p95_ms >= P95_LIMIT_MS and not f.name.startswith("**")]
        reasons.append(
            f"95th percentile {overall.p95_ms:.0f} ms over all requests measured, not under {P95_LIMIT_MS} ms "
            f"(at or over it: {'; '.join(slow) or 'no single request'})"
        )
    return f"**Acceptance not met**: {'; '.join(reasons) or 'no requests'}."


HEADER = ["| | requests | failures | median ms | p95 ms | p99 ms | requests/s |", "|---|---|---|---|---|---|---|"]


def run_text(result: Result, description: str, users: int, run_time: int) -> str:
    lines = [LATEST, "", description, "", verdict(result), ""]
    lines += [f"Measured: {run_time} s with all {users} users signed in.", "", *HEADER]
    lines += [f.row for f in result.measured]
    lines += [
        "",
        f"While they signed in: the first {result.signing_in_seconds:.0f} s, {users} sign-ins (a scrypt hash each, "
        "by design) and the pages of those already in.",
        "",
        *HEADER,
    ]
    lines += [f.row for f in result.signing_in]
    if result.errors:
        lines += ["", "Failures:", ""]
        lines += [f"- {name}: {error} ({count:,} times)" for (name, error), count in result.errors.most_common()]
    return "\n".join(lines) + "\n"


def write(path: Path, latest: str) -> None:
    """Replace the Load test section (from its heading to the end), keeping the run before it."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Performance\n"
    above, _, old = text.partition(SECTION)
    previous = ""
    if LATEST in old:
        body = old.split(LATEST, 1)[1].split(PREVIOUS, 1)[0]
        previous = f"\n{PREVIOUS}{body.rstrip()}\n"
    path.write_text(f"{above.rstrip()}\n\n{INTRO}\n{latest}{previous}", encoding="utf-8")
