"""Improvement points and strengths: the list items under their headings."""

from __future__ import annotations

import re

from tracker.parsing.blocks import Block, looks_like_heading
from tracker.parsing.model import POINT_KINDS, ImprovementPoint

# A paragraph that introduces the list rather than belonging to it.
_INTRO = re.compile(r":$|\b(?:the following|as follows|(?:detailed|listed|set out|shown) below)\b", re.I)
# A committee's own recommendation ("The Committee is asked to note…") is not an inspection finding.
_COMMITTEE_BUSINESS = re.compile(r"\b(?:committee|cabinet|scrutiny|is asked to|be asked to)\b", re.I)
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|no|dr|mr|mrs|ms|st|vs|approx)\.$", re.I)


def find_points(blocks: list[Block], doc_type: str) -> list[ImprovementPoint]:
    by_kind: dict[str, list[tuple[int | None, str]]] = {kind: [] for kind in POINT_KINDS}
    for index, block in enumerate(blocks):
        if block.kind != "heading" or block.section not in by_kind:
            continue
        seen = {_key(text) for _, text in by_kind[block.section]}
        for item in list_after(blocks, index):
            text = point_text(item.text, title_only=doc_type == "committee_report")
            if doc_type == "committee_report" and _COMMITTEE_BUSINESS.search(text):
                continue
            if text and _key(text) not in seen:
                seen.add(_key(text))
                by_kind[block.section].append((item.number, text))
    points = []
    for kind in POINT_KINDS:
        for position, (printed, text) in enumerate(by_kind[kind], start=1):
            points.append(ImprovementPoint(kind, printed or position, text))
    return points


def find_strengths(blocks: list[Block]) -> list[str]:
    strengths: list[str] = []
    for index, block in enumerate(blocks):
        if block.kind == "heading" and block.section == "strengths":
            for item in list_after(blocks, index):
                text = point_text(item.text)
                if text and text not in strengths:
                    strengths.append(text)
    return strengths


def list_after(blocks: list[Block], index: int) -> list[Block]:
    """The list under the heading at blocks[index]: its items, up to the next heading or ordinary paragraph."""
    items: list[Block] = []
    plain: list[Block] = []  # paragraphs standing in for items when the list has no bullets
    closed = False  # whether a heading ended the section
    for block in blocks[index + 1 :]:
        if block.kind in ("heading", "row"):
            closed = True
            break
        if items and (block.kind != "item" or block.marker != items[0].marker):
            # "Immediately:" or "Within three months:" sub-headings inside a list of recommendations.
            if block.kind == "para" and block.text.endswith(":") and len(block.text) < 80:
                continue
            break
        if block.kind == "item":
            if _is_intro(block) and not items:
                continue
            if items and block.marker == "number" and not _follows(items[-1], block):
                break
            items.append(block)
        elif not plain and _is_intro(block):
            continue
        elif looks_like_heading(block.text):
            closed = True
            break
        else:
            plain.append(block)
            if len(plain) > 12 or len(block.text) > 600:
                return []
    if items:
        return items
    # Paragraphs with no bullet signs (a Word list typed by hand) count only when a heading ends them.
    return plain if closed and all(p.terminated for p in plain) else []


def _is_intro(block: Block) -> bool:
    return bool(_INTRO.search(block.text)) and len(block.text) < 1200


def _follows(previous: Block, block: Block) -> bool:
    return previous.number is None or block.number is None or block.number == previous.number + 1


def point_text(text: str, title_only: bool = False) -> str:
    """Clean single-line prose: whitespace collapsed, first letter capital, optionally the first sentence."""
    text = " ".join(text.split()).strip(" -")
    if title_only:
        text = first_sentence(text)
    return text[:1].upper() + text[1:]


def first_sentence(text: str) -> str:
    for match in re.finditer(r"[.?!](?=\s+[A-Z(\"'])", text):
        if not _ABBREVIATIONS.search(text[: match.end()]):
            return text[: match.end()]
    return text


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower())
