"""What the document is, whose it is, and when: doc_type, authority, visit dates and publication date."""

from __future__ import annotations

import re
from datetime import date

from tracker.parsing import authorities
from tracker.parsing.blocks import Block
from tracker.parsing.dates import DATE, date_ranges, first_date

_HEAD = 60  # blocks that make up a document's first page or two: letter head, title, opening paragraph

# (doc_type, pattern) in priority order, tried on a document's title and opening sentences.
_TYPE_SIGNS = (
    ("jtai", r"joint targeted area inspection"),
    ("unannounced_inspection", r"unannounced inspection"),
    ("monitoring_visit", r"\bmonitoring visit (?:to|of)\b|findings of the (?:\w+ )?monitoring visit"),
    (
        "focused_visit",
        r"\b(?:focused|assurance) visit (?:to|of)\b|findings of (?:the|a|this) (?:focused|assurance) visit",
    ),
    (
        "inspection_report",
        r"\b(?:re-)?inspection of (?:[\w ,&'-]{0,80}?)(?:children's (?:social care )?services"
        r"|services for children|protection of children|safeguarding|looked after children)"
        r"|inspection dates?:|report published:",
    ),
)
# A council paper names its meeting in its first lines and says whose report it is.
_MEETING_TITLE = re.compile(r"\b(?:committee|cabinet|scrutiny|overview and scrutiny|council meeting|panel)\b", re.I)
_COUNCIL_PAPER = re.compile(
    r"\bpurpose of (?:the|this) report\b|\breport of the (?:director|chief|executive|head|cabinet)\b", re.I
)

_COUNCIL_LINE = re.compile(
    r"^(?:(?:the\s+)?(?:London|Royal) Borough of [A-Z][\w ,&'-]+|City of London(?: Corporation)?"
    r"|(?:City of |Council of the )?[A-Z][\w,&'. -]{1,60}? (?:Council|Corporation))$"
)
_NAMED_IN_TITLE = (
    r"(?:[Ff]ocused|[Mm]onitoring) visit to (?:the )?([A-Z][\w ,&'.-]{1,80}?)(?:'s)? (?:local authority )?"
    r"children's",
    r"[Ii]nspection of (?:the )?([A-Z][\w ,&'.-]{1,80}?)(?:'s)? (?:local authority )?children's",
    r"(?:arrangements )?within ([A-Z][\w ,&'.-]{1,80}?) children's services",
    r"[Cc]hildren's services in ([A-Z][\w ,&'.-]{1,60}?) (?:are|is|require|have|has)\b",
    r"joint targeted area inspection .{0,250}? in ([A-Z][\w&'-]+(?: (?:[A-Z][\w&'-]+|and|upon|on|of|the))*)",
    r"(?:services|care) in ([A-Z][\w&'-]+(?: (?:[A-Z][\w&'-]+|and|upon|on|of|the))*)",
)
_GENERIC = re.compile(
    r"^(?:the |a |local |this |our |your |england|english|january|february|march|april|may|june|july|august"
    r"|september|october|november|december|\d)",
    re.I,
)

_NOT_NAMES = ("", "council", "county", "city", "borough", "district")
_PUBLISHED = re.compile(r"^(?:report published|publication date|date published|published)\s*:?\s*(.{6,40})", re.I)
_MEETING = re.compile(r"\b(?:committee|cabinet|council|board|panel|meeting|scrutiny)\b", re.I)
_VISIT_WORDS = re.compile(r"\b(?:visit|inspect\w*|conducted|carried out|took place|fieldwork|on site)\b", re.I)
_NOT_THIS_VISIT = re.compile(r"\b(?:previous|previously|last|since|prior|earlier|publish\w*|next)\b", re.I)
_INSPECTION_DATES = re.compile(
    r"\b(?:(?:inspection|visit|fieldwork) dates?|dates? of (?:the )?(?:inspection|visit))\s*:", re.I
)


def head_text(blocks: list[Block]) -> str:
    return "\n".join(block.text for block in blocks[:_HEAD])


def doc_type(blocks: list[Block]) -> tuple[str, bool]:
    """The document's kind, and whether anything in it said so (False: a guess)."""
    head = head_text(blocks)
    title = "\n".join(block.text for block in blocks[:5])
    # An inspector's letter ("Dear …") may be addressed to a committee's chair; a council paper is no letter.
    letter = any(block.text.startswith("Dear ") for block in blocks[:25])
    if (_MEETING_TITLE.search(title) or _COUNCIL_PAPER.search(head)) and "ofsted" in head.lower() and not letter:
        return "committee_report", True
    # The first block that names a kind is the title or the letter's opening sentence.
    for block in blocks[:_HEAD]:
        for kind, pattern in _TYPE_SIGNS:
            if re.search(pattern, block.text, re.I):
                return kind, True
    return "inspection_report", False


def authority(blocks: list[Block], lines: list[str]) -> str | None:
    """The council: from a title naming it, the letter's address block, or a title naming the place."""
    head = head_text(blocks)
    named = []
    for pattern in _NAMED_IN_TITLE:
        for m in re.finditer(pattern, head):
            name = m.group(1).strip(" ,.")
            # "the County Council's children's services" names no council.
            if not _GENERIC.match(name) and authorities.short_name(name) not in (
                "",
                "county",
                "city",
                "borough",
            ):
                named.append(name)
    # A title that gives the council's full name is the best evidence; then a known place; then the address.
    for name in named:
        if re.search(r"\b(?:Council|Corporation)$|^(?:London|Royal) Borough of", name):
            return authorities.canonical(name)
    for name in named:
        if authorities.known(name):
            return authorities.canonical(name)
    for line in lines[:80]:
        if council := _council_in_line(line.strip()):
            return authorities.canonical(council)
    return authorities.canonical(named[0]) if named else None


def _council_in_line(line: str) -> str | None:
    """The council in an address line, which may also name the addressee: "Tom Ashby, Director, X Council"."""
    if line.isupper() and len(line) < 80:
        line = line.title().replace(" And ", " and ").replace(" Of ", " of ")  # a council paper's letterhead
    if not re.search(r"\b(?:Council|Corporation)$|^(?:London|Royal) Borough of ", line) or len(line) > 150:
        return None
    segments = line.split(", ")
    candidates = [", ".join(segments[-k:]) for k in range(1, len(segments) + 1)]
    for candidate in candidates:  # shortest first: "Poole Council" is not known, the whole BCP name is
        if authorities.known(candidate):
            return candidate
    return next((c for c in candidates if _COUNCIL_LINE.match(c)), None)


def visit_dates(blocks: list[Block], lines: list[str]) -> tuple[date | None, date | None]:
    # "Inspection dates: 17 March to 21 March 2025" on a report's front page.
    for line in lines[:200]:
        if m := _INSPECTION_DATES.search(line):
            found = date_ranges(line[m.end() :])
            if found:
                return found[0][1], found[0][2]
    # Otherwise the first sentence that says when this visit or inspection happened. Blocks are joined
    # first, because a sentence can be split where a page ended.
    best = None
    flowing = " ".join(block.text for block in blocks if block.kind != "row")
    for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z])", flowing):
        said = _VISIT_WORDS.search(sentence)
        if not said or _NOT_THIS_VISIT.search(sentence):
            continue
        # Only dates after "visit" or "inspection": a letter head may have run into the sentence.
        for _, start, end in date_ranges(sentence[said.start() :]):
            if start != end:
                return start, end
            best = best or (start, end)
    return best or (None, None)


def published(blocks: list[Block], lines: list[str], kind: str) -> date | None:
    content = [line.strip() for line in lines if line.strip() and line != "\f"]
    if kind == "committee_report":
        # A council paper is dated by its meeting: "… SCRUTINY COMMITTEE - 3 SEPTEMBER 2024" or "Date: …".
        head = content[:15]
        for line in head:
            if (_MEETING.search(line) or re.match(r"date\b", line, re.I)) and (found := first_date(line)):
                return found
        return next((found for line in head if (found := first_date(line))), None)
    for line in content[:120]:
        if (m := _PUBLISHED.match(line)) and (found := first_date(m.group(1))):
            return found
    # A letter is dated on a line of its own above the addressee.
    for line in content[:40]:
        m = DATE.search(line)
        if m and len(line) - len(m.group(0)) <= 12 and not re.search(r"\bto\b|\band\b|-|–", line):
            return first_date(line)
    return None
