"""The committee paper over every plan of a 2,000-action council (1,800 of them complete, as the generator
leaves a council's older plans): how long its body is before the appendices, and how long each format takes.

The issue's bound is a body of about 30 A4 pages and each format in at most 2 s. The body's pages are counted
by printing the body alone: the appendices start a page of their own, so the body lays out the same either way.
"""

from __future__ import annotations

import io
import statistics
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flask_migrate import upgrade
from pypdf import PdfReader
from sqlalchemy import select

from tests.conftest import make_config
from tracker.app import create_app
from tracker.demo.generate import generate
from tracker.extensions import db
from tracker.models import Authority
from tracker.reports import committee, data, render
from tracker.reports.defaults import cover_plans, default_inputs
from tracker.reports.model import Report

ACTIONS = 2000
RUNS = 3
BODY_PAGES = 30
SECONDS = 2.0


@dataclass(frozen=True)
class PaperFigures:
    database: str
    actions: int
    plans: int
    body_pages: int
    all_pages: int
    seconds: dict[str, float]  # median per format, loading and building included


def body(report: Report) -> Report:
    """The paper without its appendices."""
    return Report(report.heading_lines, report.title, [s for s in report.sections if not s.appendix])


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def measure(database: str, url: str, folder: Path) -> PaperFigures:
    app = create_app(make_config(url, folder, TODAY="2026-11-22"))
    app.logger.disabled = True
    with app.app_context():
        upgrade()
        generate(1, ACTIONS)
        authority = db.session.scalar(select(Authority).order_by(Authority.id))
        inputs = default_inputs(authority, "Scrutiny Committee", date(2026, 12, 1), date(2026, 11, 22))
        cover_plans(inputs, authority, "all")
        report = committee.build(inputs, data.load(inputs))
        body_pages = pages(render.to_pdf(body(report)))
    seconds, all_pages = {}, 0
    for name, renderer in (("HTML", render.to_html), ("Word", render.to_docx), ("PDF", render.to_pdf)):
        samples = []
        for _ in range(RUNS):
            with app.app_context():  # a context of its own each time, as a request or a job has
                started = time.perf_counter()
                out = renderer(committee.build(inputs, data.load(inputs)))
                samples.append(time.perf_counter() - started)
        seconds[name] = statistics.median(samples)
        if name == "PDF":
            all_pages = pages(out)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return PaperFigures(database, ACTIONS, len(inputs.inspection_ids), body_pages, all_pages, seconds)


def summary(figures: list[PaperFigures]) -> list[str]:
    lines = [
        f"The paper over every plan of a generated {ACTIONS:,}-action council (`report committee --plans all`): "
        f"its body before the appendices (bound: about {BODY_PAGES} A4 pages) and the median of {RUNS} runs of "
        f"each format, loading and building included (bound: {SECONDS:.0f} s each).",
        "",
        "| Database | Plans | Body pages | All pages | HTML s | Word s | PDF s |",
        "|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        lines.append(
            f"| {f.database} | {f.plans} | {f.body_pages} | {f.all_pages} | "
            + " | ".join(f"{f.seconds[k]:.2f}" for k in ("HTML", "Word", "PDF"))
            + " |"
        )
    return [*lines, ""]
