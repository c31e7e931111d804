"""The committee report as plain data. Builders decide what it says; renderers only lay it out.

Paragraphs are numbered continuously through the whole report, as council papers are; the builder
assigns the numbers so every rendering shows the same ones.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Paragraph:
    text: str
    number: int | None = None  # None: an unnumbered line, such as a table's lead-in or a contact
    bullets: list[str] = field(default_factory=list)


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[list[str]]
    numeric_columns: list[int] = field(default_factory=list)
    # Each column's share of the printed width, in per cent, for a long table: the printed page then sets
    # the columns once instead of measuring every cell (a 100-row table takes a third of the time), and
    # dates and names stop wrapping into narrow columns. Empty: the columns fit their contents.
    widths: list[int] = field(default_factory=list)
    # A long table to look things up in (an appendix's whole plan): set small, as councils print such tables,
    # so that thousands of rows take tens of pages, not hundreds.
    reference: bool = False

    def __post_init__(self):
        if self.widths and (len(self.widths) != len(self.header) or sum(self.widths) != 100):
            raise ValueError(f"{self.caption}: one width per column, adding up to 100 ({self.widths})")


@dataclass
class Section:
    heading: str
    level: int = 2  # 2 for a section, 3 for a sub-heading within one
    blocks: list[Paragraph | Table] = field(default_factory=list)
    appendix: bool = False  # an appendix after the paper: starts a page, its tables unnumbered


@dataclass
class Report:
    heading_lines: list[str]  # committee and date; title; "Report of the Director of …"
    title: str  # the document's title (for the page title and the files' metadata)
    sections: list[Section]

    def to_dict(self) -> dict:
        return asdict(self)

    def numbered(self) -> list[Paragraph]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Paragraph) and b.number]


class Numberer:
    """Hands out paragraph numbers in order: 1, 2, 3 … across every section."""

    def __init__(self):
        self.next = 1

    def paragraph(self, text: str, bullets: list[str] | None = None) -> Paragraph:
        paragraph = Paragraph(text=text, number=self.next, bullets=bullets or [])
        self.next += 1
        return paragraph
