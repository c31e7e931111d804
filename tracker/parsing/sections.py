"""Improvement points and strengths: the list items under their headings.

A list is introduced by a heading ("What needs to improve?") or by a sentence that ends with a colon
and names the list ("The report also outlined the following areas for improvement:"). It ends at the
next heading or ordinary paragraph.
"""

from __future__ import annotations

import re

from tracker.parsing.blocks import Block, join_text, looks_like_heading
from tracker.parsing.model import POINT_KINDS, ImprovementPoint

# A sentence that introduces the list rather than belonging to it.
_INTRO = re.compile(r"(?::|\b(?:below|as follows|the following)\b[^.:]{0,40}[.:]?)$", re.I)
_INTRO_WORDS = re.compile(r"\b(?:following|below|as follows)\b", re.I)
# An introducing sentence that names the kind of list that follows.
_NAMED_LIST = (
    ("area_for_priority_action", r"priority action"),
    ("recommendation", r"recommendations?\b"),
    ("what_needs_to_improve", r"needs? to improve"),
    (
        "area_for_improvement",
        r"areas? (?:for|of|requiring) (?:further )?improvement|improvements? (?:needed|required)",
    ),
    ("area_for_development", r"areas? (?:for|of) (?:further )?development"),
    ("strengths", r"\bstrengths\b"),
)
# Lists that describe an earlier inspection are history, not this document's findings.
_PAST = re.compile(r"\b(?:previous|last|earlier|prior)\s+(?:inspection|visit|report)", re.I)
# A committee's own recommendation ("The Committee is asked to note…") is not an inspection finding.
_COMMITTEE_BUSINESS = re.compile(r"\b(?:committee|cabinet|scrutiny|is asked to|be asked to)\b", re.I)
_LOOKS_BACK = re.compile(r"\b(?:above|this letter|these (?:areas|points|recommendations))\b", re.I)
_TERMINATED = re.compile(r"[.?!][\"')]*$")
_LONGEST_LIST = 300  # blocks
_MOST_OPENINGS = 8
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
    restart = False  # after a sub-heading a numbered list may start again at 1
    sub_items = False  # taking in the sub-items of the last item
    openings = 0  # introducing sentences and group titles passed over; a real list has a few at most
    # A list is never this long; the bound keeps junk input with many introducing sentences fast.
    following = blocks[index + 1 : index + 1 + _LONGEST_LIST]
    for position, block in enumerate(following):
        if block.kind in ("heading", "row"):
            closed = True
            break
        if items and block.kind == "item" and block.marker != items[0].marker:
            if sub_items or items[-1].text.endswith(":"):
                # Sub-items of an item that ends with a colon belong to that item.
                items[-1] = _merged(items[-1], block.text, "; " if sub_items else " ")
                sub_items = True
                continue
            break
        if items and block.kind == "para":
            if _continues_item(block, following[position + 1 :], items[0]):
                # A wrapped item split where a sentence ended at a line end: glue it back.
                items[-1] = _merged(items[-1], block.text)
                continue
            # "Immediately:" or "Within three months:" group a list of recommendations; a sentence
            # naming another list ("…the following strengths:") starts that list instead.
            if block.text.endswith(":") and len(block.text) < 80 and not _names_a_list(block.text):
                restart = True
                openings += 1
                if openings > _MOST_OPENINGS:
                    break
                continue
            break
        if block.kind == "item":
            # "20. The report also outlined the following areas for improvement:" introduces the bullets;
            # "1. Ensure that:" is an item whose sub-items follow.
            if not items and _INTRO.search(block.text[-80:]) and _INTRO_WORDS.search(block.text):
                openings += 1
                if openings > _MOST_OPENINGS:
                    break
                continue
            if items and block.marker == "number" and not restart and not _follows(items[-1], block):
                break
            items.append(block)
            restart = sub_items = False
        elif not plain and _INTRO.search(block.text[-80:]):
            openings += 1
            if openings > _MOST_OPENINGS:
                break
            continue
        elif looks_like_heading(block.text) or _LOOKS_BACK.search(block.text):
            # A heading, or a closing remark on the list ("Any areas for development identified above…").
            closed = True
            break
        else:
            plain.append(block)
            if len(plain) > 12 or len(block.text) > 1200:
                return []
    if items or items_only:
        return items
    # Paragraphs without bullet signs (a list typed by hand, or list signs lost from a PDF) count only
    # when a heading closes them. Each line that starts a sentence after a finished one starts an item.
    if not closed or not all(p.terminated for p in plain):
        return []
    return [Block("item", text) for p in plain for text in _sentence_lines(p.parts)]


def _sentence_lines(parts: list[str]) -> list[str]:
    texts: list[str] = []
    for line in parts:
        if texts and not (_TERMINATED.search(texts[-1]) and line[:1].isupper()):
            texts[-1] = join_text(texts[-1], line)
        else:
            texts.append(line)
    return texts


def _merged(item: Block, text: str, separator: str = " ") -> Block:
    joined = join_text(item.text, text) if separator == " " else f"{item.text}{separator}{text}"
    return Block("item", joined, marker=item.marker, number=item.number, parts=[*item.parts, text])


def _names_a_list(text: str) -> bool:
    return any(re.search(pattern, text, re.I) for _, pattern in _NAMED_LIST)


def _continues_item(block: Block, rest: list[Block], first: Block) -> bool:
    following = rest[0] if rest else None
    return (
        following is not None
        and block.gap_before == 0  # wrapped text, where a split leaves no blank line
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
