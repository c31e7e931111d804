"""Normalise extracted text and take out page furniture (running headers and footers, page numbers, and the
letterheads and footnotes that tracker/parsing/furniture.py finds by their shape).

The result is a list of lines in which "" is a blank line and PAGE_BREAK marks where a page ended
(a form feed, or furniture that was removed). Later stages treat a page break as a weak separator:
a sentence or a bullet may carry on across it.
"""

from __future__ import annotations

import html
import re
from collections import Counter

from tracker.parsing.furniture import footnote_spans, letterhead_spans
from tracker.parsing.headings import heading_kind

PAGE_BREAK = "\f"

# Characters PDF and Word extraction produce that mean the same as plain ones.
_PLAIN_CHARS = {
    "\u00a0": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u00ad": "",  # soft hyphen
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\u2010": "-",
    "\u2011": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\u2028": "\n",
    "\u2029": "\n",
}
# One regular expression finds them: str.translate looks up every character of the text in a dict, a
# quarter of the whole parse of a long report.
_ODD_CHAR = re.compile(f"[{''.join(_PLAIN_CHARS)}]")

_HTML_BREAK = re.compile(r"<\s*(?:br|/p|p|/div|div|/li|/ul|/ol|ul|ol|/h\d|h\d)\b[^>]*>", re.I)
_HTML_ITEM = re.compile(r"<\s*li\b[^>]*>", re.I)
_HTML_OTHER = re.compile(r"</?\s*(?:span|b|i|u|em|strong|font|a|sup|sub|small|table|tr|td|th|tbody)\b[^>]*>", re.I)

# A paragraph number PDFium reads without the space its tab stop stood for: "145.Monitor the quality …".
_GLUED_NUMBER = re.compile(r"^(\d{1,3}\.)(?=[A-Z][A-Za-z])", re.M)
_PAGE_END = re.compile(r"\n?\f\n?")
PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?[-–]?\s*\d{1,3}\s*[-–]?(?:\s*(?:of|/)\s*\d{1,3})?\s*$", re.I)
_GRADE_ONLY = re.compile(
    r"^(?:outstanding|good|adequate|inadequate|requires improvement(?: to be good)?|to be good)$", re.I
)


def normalise(text: str) -> str:
    """Unify line ends, spaces, quotes and hyphens; drop stray HTML and Markdown bold markers."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = _plain(text)
    if "<" in text:
        text = _HTML_ITEM.sub("\n- ", text)
        text = _HTML_BREAK.sub("\n", text)
        text = _HTML_OTHER.sub("", text)
    if "&" in text:
        text = _plain(html.unescape(text))
    text = _GLUED_NUMBER.sub(r"\1 ", text)
    return text.replace("**", "")


def _plain(text: str) -> str:
    return _ODD_CHAR.sub(lambda match: _PLAIN_CHARS[match.group()], text)


def clean_lines(text: str) -> list[str]:
    """Normalised lines with page numbers, letterheads, footnotes and repeated page headers/footers replaced
    by PAGE_BREAK."""
    text = normalise(text)
    # Page numbers mark page ends only where there are no form feeds (a contents list is full of them).
    paged = "\f" in text
    lines: list[str] = []
    # A form feed may sit at the start of a line (pdftotext) or alone (our PDF extraction).
    for number, page in enumerate(_PAGE_END.split(text)):
        if number:
            lines.append(PAGE_BREAK)
        lines.extend(_page_lines(page.split("\n"), paged))
    furniture = _running_lines(lines)
    if furniture:
        lines = [PAGE_BREAK if _furniture_key(line) in furniture else line for line in lines]
    return lines


def _page_lines(page: list[str], paged: bool) -> list[str]:
    """One page's lines, its letterhead and footnotes (only where pages are known) each one PAGE_BREAK."""
    spans = letterhead_spans(page) + (footnote_spans(page) if paged else [])
    cut = {index: span for span in spans for index in span}
    lines: list[str] = []
    for index, raw in enumerate(page):
        line = raw.rstrip()
        if index in cut:
            if index == cut[index].start:
                lines.append(PAGE_BREAK)
        elif PAGE_NUMBER.match(line):
            lines.append("" if paged else PAGE_BREAK)
        elif not line.strip():
            lines.append("")
        else:
            lines.append(line)
    return lines


def _furniture_key(line: str) -> str:
    # A header often carries the page number at its end ("17 to 21 March 2025 2").
    return re.sub(r"(\s+\d{1,3})+$", "", " ".join(line.split())).lower()


def _running_lines(lines: list[str]) -> set[str]:
    """Lines that recur at the top or bottom of several pages: running headers and footers."""
    pages: list[list[str]] = [[]]
    for line in lines:
        if line == PAGE_BREAK:
            pages.append([])
        elif line:
            pages[-1].append(line)
    pages = [page for page in pages if page]
    if len(pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for page in pages:
        # Grades and headings can also begin or end pages; they are never furniture.
        edges = {
            _furniture_key(line)
            for line in page[:3] + page[-3:]
            if not _GRADE_ONLY.match(line.strip()) and heading_kind(line) is None
        }
        seen.update(key for key in edges if len(key) > 3)
    # Two pages could share an edge line by chance; three or a third of the pages is a pattern.
    threshold = max(3, len(pages) // 3) if len(pages) > 4 else 2
    return {key for key, count in seen.items() if count >= threshold}
