"""Improvement points and strengths: the list items under their headings.

A list is introduced by a heading ("What needs to improve?") or by a sentence that ends with a colon
and names the list ("The report also outlined the following areas for improvement:"). It ends at the
next heading or ordinary paragraph. Short topic sub-headings inside a list ("Child protection",
"Care leavers") do not end it.

Kinds are exact: a point keeps the kind its document gave it, is never output twice, and the
recommendations to a Local Safeguarding Children Board are told apart from the council's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from tracker.parsing.blocks import Block, join_text, looks_like_heading
from tracker.parsing.framework import split_reference
from tracker.parsing.headings import AREAS_COVERED, part_of_report
from tracker.parsing.model import POINT_KINDS, ImprovementPoint
from tracker.vocabulary import PointKind

# A sentence that introduces the list rather than belonging to it.
_INTRO = re.compile(r"(?::|\b(?:below|as follows|the following)\b[^.:]{0,40}[.:]?)$", re.I)
_INTRO_WORDS = re.compile(r"\b(?:following|below|as follows)\b", re.I)
# An introducing sentence that names the kind of list that follows (or "strengths").
NAMED_LISTS = (
    ("priority_and_immediate_action", r"priority and immediate actions?"),
    ("area_for_priority_action", r"priority actions?"),
    ("recommendation", r"recommendations?\b"),
    ("what_needs_to_improve", r"needs? to improve"),
    (
        "area_for_improvement",
        r"areas? (?:for|of|requiring) (?:further )?improvement|improvements? (?:needed|required)",
    ),
    ("area_for_development", r"areas? (?:for|of) (?:further )?development"),
    ("strengths", r"\bstrengths\b"),
)
_NAMED_RES = [(kind, re.compile(pattern, re.I)) for kind, pattern in NAMED_LISTS]
# A monitoring visit lists "the areas of concern identified at the last inspection": the letter's points,
# though not a kind of ours by name (docs/decisions.md, issue 17).
CONCERNS_KIND = "area_for_improvement"
# Some letters only say "…the progress made in the following areas:" under "Areas covered by the visit".
_CONCERNS = (
    CONCERNS_KIND,
    re.compile(r"areas? of (?:concern|weakness)|\bfollowing areas\b(?!\s+(?:for|of|requiring)\b)", re.I),
)
# The kind of every list in the part of a report about the Local Safeguarding Children Board.
PARTNERSHIP_KIND = "partnership_recommendation"
_FOLLOWING = re.compile(r"\b(?:the following|as follows|below)\b", re.I)
# Lists that describe an earlier inspection are history, not this document's findings.
_PAST = re.compile(r"\b(?:previous|last|earlier|prior)\s+(?:inspection|visit|report)", re.I)
# A committee's own recommendation ("The Committee is asked to note…") is not an inspection finding.
_COMMITTEE_BUSINESS = re.compile(r"\b(?:committee|cabinet|scrutiny|is asked to|be asked to)\b", re.I)
# "The inspection did not find any areas for priority and immediate action.": an empty list, said in words.
_NONE_FOUND = re.compile(
    r"^(?:there\s+(?:are|were)\s+no\b|no\s+(?:\w+\s+){0,4}(?:were|was|have\s+been)\s+(?:identified|found)\b"
    r"|(?:the\s+inspection|inspectors)\s+(?:did\s+not|has\s+not|have\s+not)\s+(?:find|found|identif))",
    re.I,
)
# Headings of a report's findings, whose numbered paragraphs may carry on the improvement list's numbers.
_STARTS_FINDINGS = re.compile(
    r"^(?:(?:main|key|inspection|summary\s+of)\s+)?findings|.{0,40}\b(?:summary|information\s+about|introduction"
    r"|background|experiences\s+and\s+progress|impact\s+of\s+leaders|overall\s+effectiveness|judge?ments?"
    r"|progress\s+since|next\s+steps|contents|conclusions?|strengths)\b",
    re.I,
)
_LOOKS_BACK = re.compile(r"\b(?:above|this letter|these (?:areas|points|recommendations))\b", re.I)
# "…children looked after by: (paragraph 150)": an item whose sub-items follow, perhaps citing its findings.
_OPENS_SUB_ITEMS = re.compile(r":\s*(?:\(paragraphs?\s[^()]{1,40}\))?$", re.I)
_TERMINATED = re.compile(r"[.?!][\"')]*$")
_LONGEST_LIST = 300  # blocks
_MOST_OPENINGS = 8
_MOST_SUB_HEADINGS = 15
_MOST_LISTS = 200
_ABBREVIATIONS = re.compile(r"\b(?:e\.g|i\.e|etc|no|dr|mr|mrs|ms|st|vs|approx)\.$", re.I)


@dataclass(frozen=True)
class _Reading:
    """One way a point was read: the list it was in and how sure that list's kind is."""

    kind: str
    by_heading: bool  # a heading names the kind; a sentence that introduces a list is less sure
    order: int  # where in the document
    number: int | None
    text: str
    framework: tuple[str, ...]
    list: int  # which list of the document it was read in

    @property
    def preference(self) -> tuple[bool, bool, int]:
        # The surest reading wins; between equally sure readings an urgent kind never beats another (a
        # false priority action brings a duty to send the DfE a plan), then the first in the document.
        return (not self.by_heading, PointKind(self.kind).urgent, self.order)


def find_points(blocks: list[Block], doc_type: str) -> list[ImprovementPoint]:
    committee = doc_type == "committee_report"
    # By the text's key (and, for a text a document prints under two headings, the list): a point is
    # output once, under one kind.
    readings: dict[tuple[str, int], _Reading] = {}
    order = 0
    for list_number, (kind, by_heading, items) in enumerate(_lists(blocks, monitoring=doc_type == "monitoring_visit")):
        if kind not in POINT_KINDS:
            continue
        for item in items:
            text = point_text(item.text, title_only=committee)
            if committee and _COMMITTEE_BUSINESS.search(text):
                continue
            text, framework = split_reference(text)
            if not text or _NONE_FOUND.match(text):
                continue
            order += 1
            reading = _Reading(kind, by_heading, order, item.number, text, framework, list_number)
            key = (_key(text), -1)
            earlier = readings.get(key)
            if by_heading and earlier and earlier.by_heading and earlier.list != list_number and earlier.kind != kind:
                # The same words printed under headings of two kinds are two points ("ensure that…" both a
                # priority action and, later, an area for improvement). The same lines read twice (by a
                # heading's list and by a sentence introducing a list), or a list printed twice, are one.
                key = (key[0], list_number)
            if key not in readings or reading.preference < readings[key].preference:
                readings[key] = reading
    chosen = sorted(readings.values(), key=lambda r: (POINT_KINDS.index(r.kind), r.order))
    points = []
    position = 0
    for index, reading in enumerate(chosen):
        position = 1 if index == 0 or chosen[index - 1].kind != reading.kind else position + 1
        points.append(ImprovementPoint(reading.kind, reading.number or position, reading.text, reading.framework))
    return points


def find_strengths(blocks: list[Block]) -> list[str]:
    strengths: list[str] = []
    for kind, _, items in _lists(blocks):
        if kind == "strengths":
            for item in items:
                text = point_text(item.text)
                if text and text not in strengths:
                    strengths.append(text)
    return strengths


def _lists(blocks: list[Block], monitoring: bool = False) -> Iterator[tuple[str, bool, list[Block]]]:
    """(kind, by_heading, items) for every list introduced by a heading or by a sentence naming it."""
    partnership = False  # inside the part of a report about the Local Safeguarding Children Board
    lists = 0
    for index, block in enumerate(blocks):
        if lists >= _MOST_LISTS:
            return  # no document has so many; junk with a list opening on every line stays fast
        part = part_of_report(block.text) if block.kind in ("heading", "para") else None
        if part is not None:
            partnership = part == "partnership"
        if block.kind == "heading" and block.section != "other":
            lists += 1
            yield _partnership(block.section, partnership), True, list_after(blocks, index)
        elif monitoring and block.kind == "heading" and AREAS_COVERED.match(block.text):
            # A monitoring letter's list of what the visit covered, however its lead-in is worded
            # ("…the following areas of concern…:", "…focusing on:"): the letter's points. Bullets only, so
            # a section written as prose is "not read", for marking by hand, never sentences taken as points.
            lists += 1
            intro = next((b.text for b in blocks[index + 1 : index + 4] if b.text.endswith(":")), "")
            kind = _named_kind(intro, monitoring) or CONCERNS_KIND
            yield kind, False, list_after(blocks, index, items_only=True)
        elif block.kind in ("para", "item") and block.text.endswith(":"):
            kind = _named_kind(block.text, monitoring)
            if kind is not None:
                lists += 1
                yield _partnership(kind, partnership), False, list_after(blocks, index, items_only=True)


def _partnership(kind: str, partnership: bool) -> str:
    """In the Local Safeguarding Children Board's part of a report, its lists are recommendations to it."""
    return PARTNERSHIP_KIND if partnership and kind in POINT_KINDS else kind


def _named_kind(sentence: str, monitoring: bool = False) -> str | None:
    """The kind of list a sentence introduces. When it names several ("In addition to the existing areas for
    priority action, the following areas for improvement…"), the list is the one it says follows: the
    first named after "the following", else the last named."""
    past = _PAST.search(sentence)
    if past and not monitoring:
        return None  # a list of an earlier inspection's findings is history, not this document's
    named = _NAMED_RES + [_CONCERNS] if monitoring else _NAMED_RES
    found = sorted((m.start(), kind) for kind, regex in named for m in regex.finditer(sentence))
    if not found:
        return None
    following = _FOLLOWING.search(sentence)
    if following:
        after = [kind for start, kind in found if start >= following.start()]
        if after:
            return after[0]
    return found[-1][1]


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
    sub_headings = 0
    for position, block in enumerate(following):
        after = following[position + 1] if position + 1 < len(following) else None
        if after is not None and _is_sub_heading(block, after, items):
            # "Child protection" / "7. Ensure that…": a topic inside the list; its numbering carries on.
            sub_headings += 1
            if sub_headings > _MOST_SUB_HEADINGS:
                break
            restart = bool(items)
            continue
        if block.kind in ("heading", "row"):
            closed = True
            break
        if items and block.kind == "item" and block.marker != items[0].marker:
            opens = _OPENS_SUB_ITEMS.search(items[-1].text)
            if sub_items or opens or (block.marker == "letter" and not items[-1].terminated):
                # Sub-items of an item that ends with a colon, or lettered ones that finish its unfinished
                # sentence ("…where" / "(i) they are privately fostered"), belong to that item.
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
    if any(_NONE_FOUND.match(p.text) for p in plain):
        return []  # "There are no areas for priority and immediate action."
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
    return any(re.search(pattern, text, re.I) for _, pattern in NAMED_LISTS)


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


def _is_sub_heading(block: Block, following: Block, items: list[Block]) -> bool:
    """A short capitalised line without a full stop, straight before a numbered item of the list: a topic
    sub-heading of a 2014–15 report ("Care leavers"). Its item's number carries the list on, or starts it
    again at 1; before any item, only a numbered item may follow, as a findings paragraph never does."""
    if following.kind != "item" or following.marker != "number":
        return False
    if block.kind not in ("para", "heading") or block.section not in (None, "other"):
        return False
    if not looks_like_heading(block.text) or _STARTS_FINDINGS.match(block.text) or part_of_report(block.text):
        return False
    if not items:
        return True
    return items[0].marker == "number" and (following.number == 1 or _follows(items[-1], following))


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
