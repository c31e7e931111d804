"""docs/performance.md: the newest run's table, with the run before it kept below for comparison.

The load test's section (`make load`, tests/load/figures.py) follows them to the end of the file and is kept.
"""

from __future__ import annotations

import os
import platform
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from tests.benchmark.measure import Growth, Timing

LATEST = "## Latest run"
PREVIOUS = "## Previous run"
LOAD_TEST = "## Load test"
INTRO = """# Performance

Written by `make bench` (tests/benchmark/). Each page is requested through the application in one
process (the Flask test client: no network), signed in as its usual user, after two warm-up requests;
the median and 95th percentile are of 30 requests (5 for sign-in, exports, reports and the import).
"x floor" compares the median with a trivial route behind the same sign-in and access checks, so runs on
different machines can be compared as ratios. "Queries" is the number of SQL statements one request
issues. The council measured holds all the actions up to 10,000; at 100,000 the plan is ten councils of
10,000, the largest a county's combined plans reach.

"Growth" is each page's median on the largest plan over its median on the smallest, measured once both
are built with their requests alternating (30 each), so that both meet the machine in the same state: the
tables' columns are minutes apart, and this shared machine's speed varies between such moments by up to
1.6 times. The target is under 2 times.

"Parsing the archive" is the parser's CPU time per document over the team's archive of real Ofsted PDFs
(`--archive`, by default ../shared/corpus/archive beside the project; the run says so when it is not
there), read in the benchmark's own process, so that process start-up is not counted: the median, 95th
percentile and maximum of the whole parse, of its text extraction and of the rest.
"""


def write(
    path: Path,
    runs: dict[tuple[str, int], list[Timing]],
    growths: dict[str, list[Growth]],
    memory_mb: float,
    notes: list[str],
    parsing: list[str] | None = None,
    paper: list[str] | None = None,
) -> str:
    """The newest run's tables (and the parse time's lines, tests/benchmark/parsing.py), the previous run kept."""
    sizes = sorted({size for _, size in runs})
    kinds = list(dict.fromkeys(kind for kind, _ in runs))
    lines = [
        LATEST,
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}{''.join(f', {n}' for n in notes)}. Peak memory of the process: "
        f"{memory_mb:.0f} MB.",
        "",
    ]
    for kind in kinds:
        lines += [f"### {kind}", ""]
        header = "| | " + " | ".join(f"{size:,} actions: median / p95 ms (x floor), queries" for size in sizes) + " |"
        lines += [header, "|---|" + "---|" * len(sizes)]
        names = [t.name for t in runs[(kind, sizes[0])]]
        for index, name in enumerate(names):
            cells = []
            for size in sizes:
                timing = runs[(kind, size)][index]
                floor = runs[(kind, size)][0]
                cells.append(
                    f"{timing.median_ms:.1f} / {timing.p95_ms:.1f} ({timing.times_floor(floor):.1f}x), {timing.queries}"
                )
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
        if kind in growths:
            lines += _growth_table(kind, growths[kind], min(sizes), max(sizes))
    if paper:
        lines += ["### The committee paper of a 2,000-action council", "", *paper]
    if parsing is not None:
        lines += ["### Parsing the archive of Ofsted PDFs", "", *parsing]
    latest = "\n".join(lines)
    previous = load_test = ""
    if path.exists():
        old, _, load_test = path.read_text(encoding="utf-8").partition(LOAD_TEST)
        load_test = f"\n{LOAD_TEST}{load_test.rstrip()}\n" if load_test else ""
        if LATEST in old:
            body = old.split(LATEST, 1)[1].split(PREVIOUS, 1)[0]
            previous = f"{PREVIOUS}{body.rstrip()}\n"
    path.write_text(f"{INTRO}\n{latest}\n{previous}{load_test}", encoding="utf-8")
    return latest


def _growth_table(kind: str, growths: list[Growth], small: int, large: int) -> list[str]:
    lines = [
        f"#### {kind}: growth from {small:,} to {large:,} actions (requests alternating)",
        "",
        f"| | {small:,} actions: median ms | {large:,} actions: median ms | growth |",
        "|---|---|---|---|",
    ]
    for g in growths:
        lines.append(f"| {g.name} | {g.small_ms:.1f} | {g.large_ms:.1f} | {g.ratio:.2f}x |")
    return [*lines, ""]
