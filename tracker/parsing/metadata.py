"""What the document is, whose it is, and when: doc_type, authority, visit dates and publication date."""

from __future__ import annotations

import re
from datetime import date

from tracker.parsing import authorities
from tracker.parsing.blocks import Block
from tracker.parsing.cleanup import PAGE_BREAK
from tracker.parsing.dates import DATE, date_ranges, first_date, yearless_range

_HEAD = 60  # blocks that make up a document's first page or two: letter head, title, opening paragraph

# (doc_type, pattern) in priority order, tried on a document's title and opening sentences.
_TYPE_SIGNS = (
    ("jtai", r"joint targeted area inspection"),
    ("unannounced_inspection", r"unannounced inspection"),
    ("monitoring_visit", r"\bmonitoring visit (?:to|of)\b|findings of (?:the|a|this) (?:\w+ )?monitoring visit"),
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
_TITLES = (
    r"(?:[Ff]ocused|[Mm]onitoring) visit to (?:the )?([A-Z][\w ,&'.-]{1,80}?)(?:'s)? (?:local authority )?"
    r"children's",
    r"[Ii]nspection of (?:the )?([A-Z][\w ,&'.-]{1,80}?)(?:'s)? (?:local authority )?children's",
    # A trust or company that runs a council's children's services: "Inspection of X Children's Trust".
    rf"[Ii]nspection of (?:the )?([A-Z][\w ,&'.-]{{1,80}}?{authorities.RUNS_SERVICES})\b",
)
# Sentences that name the place; read within a block only, for a name ends where its line does.
_NAMED_IN_TITLE = (
    *_TITLES,
    r"(?:arrangements )?within ([A-Z][\w ,&'.-]{1,80}?) children's services",
    r"[Cc]hildren's services in ([A-Z][\w ,&'.-]{1,60}?) (?:are|is|require|have|has)\b",
    r"joint targeted area inspection .{0,250}? in ([A-Z][\w&'-]+(?: (?:[A-Z][\w&'-]+|and|upon|on|of|the))*)",
    r"(?:services|care) in ([A-Z][\w&'-]+(?: (?:[A-Z][\w&'-]+|and|upon|on|of|the))*)",
)
# Reports from 2014 to 2019 put the council's name, or just its place, on a line of its own above the title.
_TITLE = re.compile(r"^(?:inspection|review) of\b", re.I)
_NAME_LINE = re.compile(r"^[A-Z][\w,&'.-]*(?: (?:[A-Z][\w,&'.-]*|and|upon|on|of|the|with|in))*$")
_TITLE_LINES = 12  # a title wrapped over three or four lines, and what stands above it
_GENERIC = re.compile(
    r"^(?:the |a |local |this |our |your |england|english|january|february|march|april|may|june|july|august"
    r"|september|october|november|december|\d)",
    re.I,
)

# A name that is no place: a trust, a partnership or a company running children's services.
_BODY = re.compile(r"\b(?:Children|Trust|Partnership|Board)\b")
_FULL_NAME = re.compile(r"\b(?:Council|Corporation)$|^(?:London|Royal) Borough of")
_COUNCIL_IN_TEXT = re.compile(
    r"\b(?:(?:London|Royal) Borough of(?: [A-Z][\w'-]*| and| upon)+"
    r"|(?:[A-Z][\w'-]* )(?:(?:[A-Z][\w'-]*|and|upon|on|with|of) )*?(?:County |City |Borough )?Council)"
)
_CONNECTOR_END = re.compile(r"\b(?:and|upon|on|of|the|with|in)$")
_RANGE_GOES_ON = re.compile(r"(?:\bto|\band|\buntil|[-–—,])$")
_NOT_NAMES = ("", "council", "county", "city", "borough", "district", "ofsted")
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
    """The council: from a title naming it, the letter's address block, or a title naming the place.

    A trust or company that runs a council's services stands for that council (docs/decisions.md, issue 17)."""
    named = _names_in(head_text(blocks), _NAMED_IN_TITLE) + _names_in(_title(lines), _TITLES)
    named += _name_above_title(lines)
    # A title that gives the council's full name is the best evidence; then a known place; then the address.
    for name in named:
        if _FULL_NAME.search(name):
            return authorities.canonical(name)
    for name in named:
        if authorities.known(authorities.place_of(name)):
            return authorities.canonical(authorities.place_of(name))
    for line in lines[:80]:
        if council := _council_in_line(line.strip()):
            return authorities.canonical(council)
    # A trust's report may name its council only in the text; a company named for no place ("Achieving
    # for Children") stands for whichever council the opening pages name.
    places = {authorities.short_name(authorities.place_of(name)) for name in named}
    nameless = not named or bool(_BODY.search(named[0]))
    for council in _councils_in_text(" ".join(_content(lines)[:200])):
        if authorities.short_name(council) in places or (nameless and authorities.known(council)):
            return authorities.canonical(council)
    return authorities.canonical(authorities.place_of(named[0])) if named else None


def _councils_in_text(text: str) -> list[str]:
    """Every "… Council" in running text, each with the words before it cut one by one, longest first:
    "Trust and Tamberley City Council" gives "Trust and Tamberley City Council", "Tamberley City Council"."""
    found = []
    for m in _COUNCIL_IN_TEXT.finditer(text):
        words = m.group(0).split()
        found += [" ".join(words[i:]) for i in range(len(words) - 1) if words[i][:1].isupper()]
    return found


def _title(lines: list[str]) -> str:
    """The first lines run together, for a title wrapped over several lines ("Inspection of X County" /
    "Council local authority children's" / "services") or split by a page break, footnote marks ("Board1")
    taken off."""
    return re.sub(r"(?<=[a-z])\d\b", "", " ".join(_content(lines[: _TITLE_LINES * 3])[:_TITLE_LINES]))


def _names_in(text: str, patterns: tuple[str, ...]) -> list[str]:
    named = []
    for pattern in patterns:
        for m in re.finditer(pattern, text):
            name = m.group(1).strip(" ,.")
            # "the County Council's children's services" names no council.
            if not _GENERIC.match(name) and authorities.short_name(name) not in _NOT_NAMES:
                named.append(name)
    return named


def _name_above_title(lines: list[str]) -> list[str]:
    """ "Haringey", or "Surrey Safeguarding Children Board", alone above "Inspection of …"; a long name may
    wrap: "Royal Borough of Kensington and" / "Chelsea"."""
    content = [line for line in _content(lines[:_TITLE_LINES]) if not line.isdigit()]  # no page number
    for i, line in enumerate(content):
        if i and _TITLE.match(line) and _is_name_line(content[i - 1]):
            name = content[i - 1]
            if i > 1 and _is_name_line(content[i - 2]) and _CONNECTOR_END.search(content[i - 2]):
                name = f"{content[i - 2]} {name}"
            return [name] if authorities.short_name(authorities.place_of(name)) not in _NOT_NAMES else []
    return []


def _is_name_line(line: str) -> bool:
    return len(line) <= 80 and bool(_NAME_LINE.match(line)) and not line.startswith("Dear ")


def _council_in_line(line: str) -> str | None:
    """The council in an address line, which may also name the addressee: "Tom Ashby, Director, X Council"."""
    if line.isupper() and len(line) < 80:
        line = line.title().replace(" And ", " and ").replace(" Of ", " of ")  # a council paper's letterhead
    if not re.search(r"\b(?:Council|Corporation)$|^(?:London|Royal) Borough of ", line) or len(line) > 150:
        return None
    if _CONNECTOR_END.search(line):
        return None  # "London Borough of Barking and": the name goes on over the next line
    segments = line.split(", ")
    candidates = [", ".join(segments[-k:]) for k in range(1, len(segments) + 1)]
    for candidate in candidates:  # shortest first: "Poole Council" is not known, the whole BCP name is
        if authorities.known(candidate):
            return candidate
    return next((c for c in candidates if _COUNCIL_LINE.match(c)), None)


# A single inspection framework inspection could be made in two parts, weeks apart.
_TWO_PART_INSPECTION_DAYS = 120
_RUNS_ON = re.compile(r"(?:\band|\bto|[-–]|(?<!\d)\d{1,2})\s*$")


def visit_dates(blocks: list[Block], lines: list[str]) -> tuple[date | None, date | None]:
    # "Inspection dates: 17 March to 21 March 2025" on a report's front page.
    for index, line in enumerate(lines[:200]):
        if m := _INSPECTION_DATES.search(line):
            said = line[m.end() :]
            if _RUNS_ON.search(said):  # "… and 28 – 30" / "January 2014": the range wrapped
                said += " " + next((later for later in lines[index + 1 : index + 4] if later.strip()), "")
            found = date_ranges(said)
            if found:
                start, end = found[0][1], found[0][2]
                # "19 November–11 December 2013 and 28–30 January 2014": an inspection in two parts
                # ends when its last part does.
                for _, later_start, later_end in found[1:]:
                    two_part = later_start != later_end and later_start > end
                    if two_part and (later_end - start).days <= _TWO_PART_INSPECTION_DAYS:
                        end = later_end
                return start, end
    # Otherwise the first sentence that says when this visit or inspection happened. Blocks are joined
    # first, because a sentence can be split where a page ended.
    best = None
    flowing = " ".join(block.text for block in blocks if block.kind != "row")
    # Only dates after "visit" or "inspection": a letter head may have run into the sentence.
    telling = [
        sentence[said.start() :]
        for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z])", flowing)
        if (said := _VISIT_WORDS.search(sentence)) and not _NOT_THIS_VISIT.search(sentence)
    ]
    for sentence in telling:
        for _, start, end in date_ranges(sentence):
            if start != end:
                return start, end
            best = best or (start, end)
    if best:
        return best
    # "on 13 and 14 July": a letter may leave the year to its own date.
    if dated := _letter_date(_content(lines)):
        for sentence in telling:
            if found := yearless_range(sentence, dated):
                return found
    return None, None


def _content(lines: list[str]) -> list[str]:
    return [line.strip() for line in lines if line.strip() and line != PAGE_BREAK]


def _letter_date(content: list[str]) -> date | None:
    """A letter is dated on a line of its own above the addressee."""
    for before, line in zip(["", *content[:39]], content[:40], strict=False):
        m = DATE.search(line)
        alone = m and len(line) - len(m.group(0)) <= 12 and not re.search(r"\bto\b|\band\b|-|–", line)
        # Not the end of a range wrapped onto its own line: "Inspection dates: … to" / "8 August 2019".
        if alone and not _RANGE_GOES_ON.search(before):
            return first_date(line)
    return None


def published(blocks: list[Block], lines: list[str], kind: str) -> date | None:
    content = _content(lines)
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
    return _letter_date(content)
