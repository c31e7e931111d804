"""The three renderings of one report structure: HTML (for the page), Word and PDF. None decides content."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from flask import current_app

from tracker.reports import docx_writer
from tracker.reports.model import Report

PDF_VARIANT = "pdf/ua-1"


def _render(template: str, report: Report) -> str:
    # Straight from the template, without a request's context: the same report renders the same everywhere.
    return current_app.jinja_env.get_template(template).render(report=report)


def to_html(report: Report) -> str:
    """The report's body as HTML, to show inside a page."""
    return _render("reports/_body.html", report)


def to_print_html(report: Report) -> str:
    """A whole HTML document laid out for A4, from which the PDF is made."""
    return _render("reports/print.html", report)


def to_pdf(report: Report) -> bytes:
    from weasyprint import HTML  # heavy (Pango); loaded only when a PDF is wanted

    html = to_print_html(report)
    with fewer_collections():
        # PDF/UA-1: a tagged PDF (headings, lists, tables as such for a screen reader), its title and
        # language taken from the print HTML's <title> and lang.
        return HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)


_threshold_lock = threading.Lock()
_pausing = 0
_saved_threshold: tuple[int, ...] = ()


@contextmanager
def fewer_collections(young: int = 100_000) -> Iterator[None]:
    """Collect the youngest generation only every `young` new objects while inside.

    WeasyPrint makes boxes, styles and lines for every piece of text, nearly all alive until the PDF is written,
    so the collector's default (a collection every 700 new objects) ran over two hundred times for a long report
    and found little to free: a tenth of the time, and most of its variance. Turning it off altogether cost
    70 MB more at the peak; this costs about 15 MB. Overlapping renders in threads share one setting, which the
    last to finish puts back.
    """
    global _pausing, _saved_threshold
    with _threshold_lock:
        if _pausing == 0:
            _saved_threshold = gc.get_threshold()
            gc.set_threshold(young, *_saved_threshold[1:])
        _pausing += 1
    try:
        yield
    finally:
        with _threshold_lock:
            _pausing -= 1
            if _pausing == 0:
                gc.set_threshold(*_saved_threshold)


def to_docx(report: Report, template: bytes | None = None, *, council: str) -> bytes:
    """The report written into the council's Word template (None: the tracker's default), named as the council's."""
    return docx_writer.write(report, template, council)
