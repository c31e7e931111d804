"""Real PDFs made in a test from a little HTML, by WeasyPrint (which the app uses for committee papers)."""

from __future__ import annotations

PAGE_STYLE = "@page { size: A4; margin: 2cm; } body { font-family: 'Liberation Sans'; font-size: 12pt; }"


def pdf_from_html(body: str, style: str = "") -> bytes:
    from weasyprint import HTML

    html = f"<html><head><style>{PAGE_STYLE}{style}</style></head><body>{body}</body></html>"
    return HTML(string=html).write_pdf()
