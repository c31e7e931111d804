"""Improvement points and strengths: the list items under their headings.

A list is introduced by a heading ("What needs to improve?") or by a sentence that ends with a colon
and names the list ("The report also outlined the following areas for improvement:"). It ends at the
next heading or ordinary paragraph.
"""

from __future__ import annotations

import re

from tracker.parsing.blocks import Block, looks_like_heading
from tracker.parsing.model import POINT_KINDS, ImprovementPoint

# A sentence that introduces the list rather than belonging to it.
_INTRO = re.compile(r"(?::|\b(?:below|as follows|the following)\s*[.:]?)$", re.I)
# An introducing sentence that names the kind of list that follows.
_NAMED_LIST = (
    ("area_for_priority_action", r"priority action"),
    ("recommendation", r"recommendations?\b"),
    ("what_needs_to_improve", r"needs? to improve"),
    ("area_for_improvement", r"areas? (?:for|of|requiring) (?:further )?improvement|improvements? (?:needed|required)"),
    ("area_for_development", r"areas? (?:for|of) (?:further )?development"),
    ("strengths", r"\bstrengths\b"),
)
# Lists that describe an earlier inspection are history, not this document's findings.
_PAST = re.compile(r"\b(?:previous|last|earlier|prior)\s+(?:inspection|visit|report)", re.I)
# A committee's own recommendation ("The Committee is asked to note…") is not an inspection finding.
_COMMITTEE_BUSINESS = re.compile(r"\b(?:committee|cabinet|scrutiny|is asked to|be asked to)\b", re.I)
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|no|dr|mr|mrs|ms|st|vs|approx)\.$", re.I)


def find_points(blocks: list[Block], doc_type: str) -> list[ImprovementPoint]:
    by_kind: dict[str, list[tuple[int | None, str]]] = {kind: [] for kind in POINT_KINDS}
    for kind, items in _lists(blocks):
        if kind not in by_kind:
            continue
        seen = {_key(text) for _, text in by_kind[kind]}
        for item in items:
            text = point_text(item.text, title_only=doc_type == "committee_report")
            if doc_type == "committee_report" and _COMMITTEE_BUSINESS.search(text):
                continue
            if text and _key(text) not in seen:
                seen.add(_key(text))
                by_kind[kind].append((item.number, text))
    points = []
    for kind in POINT_KINDS:
        for position, (printed, text) in enumerate(by_kind[kind], start=1):
            points.append(ImprovementPoint(kind, printed or position, text))
    return points


def find_strengths(blocks: list[Block]) -> list[str]:
    strengths: list[str] = []
    for kind, items in _lists(blocks):
        if kind == "strengths":
            for item in items:
                text = point_text(item.text)
                if text and text not in strengths:
                    strengths.append(text)
    return strengths


def _lists(blocks: list[Block]):
    """(kind, items) for every list introduced by a heading or by a sentence naming it."""
    for index, block in enumerate(blocks):
        if block.kind == "heading" and block.section != "other":
            yield block.section, list_after(blocks, index)
        elif block.kind in ("para", "item") and block.text.endswith(":") and not _PAST.search(block.text):
            for kind, pattern in _NAMED_LIST:
                if re.search(pattern, block.text, re.I):
                    yield kind, list_after(blocks, index, items_only=True)
                    break


def list_after(blocks: list[Block], index: int, items_only: bool = False) -> list[Block]:
    """The list after blocks[index]: its items, up to the next heading or ordinary paragraph."""
    items: list[Block] = []
    plain: list[Block] = []  # paragraphs standing in for items when the list has no bullets
    closed = False  # whether a heading ended the list
    following = blocks[index + 1 :]
    for position, block in enumerate(following):
        if block.kind in ("heading", "row"):
            closed = True
            break
        if items and (block.kind != "item" or block.marker != items[0].marker):
            if block.kind == "para" and _continues_item(block, following[position + 1 :], items[0]):
                # A wrapped item split where a sentence ended at a line end: glue it back.
                items[-1] = Block("item", f"{items[-1].text} {block.text}", marker=items[-1].marker,
                                  number=items[-1].number)
                continue
            # "Immediately:" or "Within three months:" sub-headings inside a list of recommendations.
            if block.kind == "para" and block.text.endswith(":") and len(block.text) < 80:
                continue
            break
        if block.kind == "item":
            if not items and _INTRO.search(block.text):
                continue
            if items and block.marker == "number" and not _follows(items[-1], block):
                break
            items.append(block)
        elif not plain and _INTRO.search(block.text):
            continue
        elif looks_like_heading(block.text):
            closed = True
            break
        else:
            plain.append(block)
            if len(plain) > 12 or len(block.text) > 600:
                return []
    if items or items_only:
        return items
    # Paragraphs without bullet signs (a list typed by hand) count only when a heading closes them.
    return plain if closed and all(p.terminated for p in plain) else []


def _continues_item(block: Block, rest: list[Block], first: Block) -> bool:
    following = rest[0] if rest else None
    return (
        following is not None
        and following.kind == "item"
        and following.marker == first.marker
        and block.terminated
        and len(block.text) < 400
        and not looks_like_heading(block.text)
        and not block.text.endswith(":")
    )


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
