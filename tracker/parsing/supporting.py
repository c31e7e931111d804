"""Supporting paragraphs: the findings behind a recommendation, marked "(Recommendation)" in 2013–2017 reports.

The blocks have already joined a paragraph's wrapped lines, mended hyphenation and taken page furniture
out, so most marked paragraphs are one block ending with the marker. What is left to handle here:
  - the marker on a line of its own after a blank line, so a block of its own: it belongs to the
    paragraph before it;
  - a numbered paragraph split where a sentence ended at a line or page end: the rest is an unnumbered
    block, and carries on the numbered paragraph before it;
  - two paragraphs run together where extraction lost the break between them: the marker ends the first.
"""

from __future__ import annotations

import re

from tracker.parsing.blocks import NUMBER, Block, join_text, looks_like_heading
from tracker.parsing.model import SupportingParagraph

# "(Recommendation)", "( Recommendation )", "(recommendation)", "(Recommend-ation)", "(Recommendations)."
MARKER = re.compile(r"\(\s*recommend\s*-?\s*ations?\s*\)[.;]?", re.I)
_ONLY_MARKER = re.compile(rf"^\s*(?:{MARKER.pattern})\s*$", re.I)
# A paragraph number left at the start of a run-together paragraph: "18. Management oversight…"
_LEADING_NUMBER = re.compile(r"^\(?(\d{1,3})[.)]\s+(?=\S)")


def find_supporting_paragraphs(blocks: list[Block]) -> list[SupportingParagraph]:
    found: list[SupportingParagraph] = []
    # The paragraph being read: (number, text), kept while a page break may still carry it on.
    current: tuple[int | None, str] | None = None
    for block in blocks:
        if block.kind in ("heading", "row"):
            current = None
            continue
        if _ONLY_MARKER.match(block.text):
            if current is not None:
                found.append(_supporting(*current))
            current = None
            continue
        if block.kind == "item" and block.number is not None:
            current = (block.number, block.text)
        elif current is not None and current[0] is not None and _carries_on_numbered(block):
            current = (current[0], join_text(current[1], block.text))
        else:
            current = (block.number, block.text)
        if not MARKER.search(current[1]):
            continue
        # Each marker ends a paragraph; text after the last one starts the next (unmarked) paragraph.
        number, text = current
        pieces = MARKER.split(text)
        for piece in pieces[:-1]:
            piece = piece.strip()
            if m := _LEADING_NUMBER.match(piece):
                number, piece = int(m.group(1)), piece[m.end() :]
            if piece:
                found.append(_supporting(number, piece))
            number = None
        rest = pieces[-1].strip()
        current = None
        if rest:
            m = _LEADING_NUMBER.match(rest)
            current = (int(m.group(1)), rest[m.end() :]) if m else (None, rest)
    return found


def _carries_on_numbered(block: Block) -> bool:
    """An unnumbered block that follows a numbered paragraph with no blank line between (a paragraph split
    where a sentence ended at a line end) or after a page break (split where a sentence ended at a page end).
    A blank line starts a new paragraph; a heading the blocks did not know ends the numbered one."""
    return (
        block.kind == "para"
        and block.gap_before != 1
        and not NUMBER.match(block.text)
        and not looks_like_heading(block.text)
    )


def _supporting(number: int | None, text: str) -> SupportingParagraph:
    return SupportingParagraph(number, " ".join(text.split()).strip())
