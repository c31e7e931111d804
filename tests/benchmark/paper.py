"""The committee paper over every plan of a 2,000-action council (1,800 of them complete, as the generator
leaves a council's older plans): how long its body is before the appendices, and how long each format takes.

The issue's bound is a body of about 30 A4 pages and each format in at most 2 s. The paper's Word and PDF files
hold its body; its appendix (the whole plan, a table of every action) is a document of its own
(tracker/reports/appendices.py `split`), timed separately: it is published next to the paper, not within it.
The web page (HTML) shows the appendix inline, so its time includes it.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
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
from tracker.reports import committee, council_template, data, render
from tracker.reports.appendices import split
from tracker.reports.defaults import cover_plans, default_inputs
from tracker.reports.inputs import ReportInputs
from tracker.reports.model import Report

ACTIONS = 2000
RUNS = 3
BODY_PAGES = 30
SECONDS = 2.0
FORMATS = ("HTML", "Word", "PDF", "Appendix Word", "Appendix PDF")


@dataclass(frozen=True)
class PaperFigures:
    database: str
    actions: int
    plans: int
    body_pages: int
    appendix_pages: int
    seconds: dict[str, float]  # median per format, loading and building included


def pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _formats(authority: Authority) -> dict[str, Callable[[Report], bytes | str]]:
    """Each file a reader gets, made as the job worker makes it: from the whole report, split where it is a file."""
    word = council_template.word_options(authority)
    return {
        "HTML": render.to_html,
        "Word": lambda report: render.to_docx(split(report)[0], **word),
        "PDF": lambda report: render.to_pdf(split(report)[0]),
        "Appendix Word": lambda report: render.to_docx(split(report)[1], **word),
        "Appendix PDF": lambda report: render.to_pdf(split(report)[1]),
    }


def measure(database: str, url: str, folder: Path) -> PaperFigures:
    app = create_app(make_config(url, folder, TODAY="2026-11-22"))
    app.logger.disabled = True
    with app.app_context():
        upgrade()
        generate(1, ACTIONS)
        authority = db.session.scalar(select(Authority).order_by(Authority.id))
        inputs = default_inputs(authority, "Scrutiny Committee", date(2026, 12, 1), date(2026, 11, 22))
        cover_plans(inputs, authority, "all")
        authority_id = authority.id
    seconds, made = {}, {}
    for name in FORMATS:
        samples = []
        for _ in range(RUNS):
            with app.app_context():  # a context of its own each time, as a request or a job has
                started = time.perf_counter()
                made[name] = _formats(db.session.get(Authority, authority_id))[name](_built(inputs))
                samples.append(time.perf_counter() - started)
        seconds[name] = statistics.median(samples)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return PaperFigures(
        database, ACTIONS, len(inputs.inspection_ids), pages(made["PDF"]), pages(made["Appendix PDF"]), seconds
    )


def _built(inputs: ReportInputs) -> Report:
    return committee.build(inputs, data.load(inputs))


def summary(figures: list[PaperFigures]) -> list[str]:
    lines = [
        f"The paper over every plan of a generated {ACTIONS:,}-action council (`report committee --plans all`): "
        f"its body before the appendices (bound: about {BODY_PAGES} A4 pages) and the median of {RUNS} runs of "
        f"each format, loading and building included (bound: {SECONDS:.0f} s each). The paper's Word and PDF hold "
        "its body; Appendix B, the whole plan, is a document of its own, timed apart (no bound: it is published "
        "next to the paper by the job worker); the web page (HTML) shows it inline.",
        "",
        "| Database | Plans | Paper pages | HTML s | Word s | PDF s | Appendix pages | Appendix Word s | Its PDF s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        paper = " | ".join(f"{f.seconds[k]:.2f}" for k in ("HTML", "Word", "PDF"))
        appendix = " | ".join(f"{f.seconds[k]:.2f}" for k in ("Appendix Word", "Appendix PDF"))
        lines.append(f"| {f.database} | {f.plans} | {f.body_pages} | {paper} | {f.appendix_pages} | {appendix} |")
    return [*lines, ""]
