"""Page furniture found by its shape on one page: a letterhead's contact block, and footnotes at a page's foot.

Each function takes one page's lines (for text without pages, the whole text) and returns the spans of
lines that are furniture; tracker/parsing/cleanup.py replaces each span with a page break, so that a list
or a sentence carries on across it as it does across any page break.

Neither looks for a particular organisation's wording. A letter's first page carries the sender's address
and contact details as a block of short lines, which PDF text extraction may put after the page's body,
between the first and second halves of a list that runs on to page 2. A footnote is the small print at a
page's foot that starts with the number of a mark made earlier on the same page.
"""

from __future__ import annotations

import re

from tracker.parsing.headings import heading_kind

# A UK postcode ("M1 2WD", "SW1A 1AA"), a telephone number, an email address, a web address.
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_PHONE = re.compile(
    r"^(?:t|tel|telephone|phone|textphone|minicom|fax|f)\b[:.]?\s*\+?\(?\d[\d\s()-]{8,}$"  # "T 0300 123 1231"
    r"|^\+?\(?0\d[\d\s()-]{8,}$",  # a number alone on its line
    re.I,
)
_EMAIL = re.compile(r"^(?:e(?:mail)?\s*:?\s*)?\S+@\S+\.[a-z]{2,}\.?$", re.I)
_WEB = re.compile(r"^(?:w(?:eb)?\s*:?\s*)?(?:https?://|www\.)\S+$", re.I)

# A letterhead's lines are short; prose that mentions a telephone number or a website is not a letterhead.
CONTACT_LINE_LENGTH = 50
# At least three contact lines of at least two sorts: a council's address in a letter has a postcode only.
CONTACT_LINES = 3
CONTACT_SORTS = 2
# Short lines without contact details that may sit between contact lines ("Store Street" / "Manchester").
CONTACT_GAP = 2
# The street address above a postcode: "Ofsted" / "Piccadilly Gate" / "Store Street" / "Manchester".
ADDRESS_LINES = 4
ADDRESS_LINE_LENGTH = 35
_ADDRESS_WORD = re.compile(r"^[A-Z0-9][\w'&,-]*$")

# A footnote starts with its number and a capital: "1 The areas for improvement have been …".
_FOOTNOTE = re.compile(r"^(\d{1,2})\s+[A-Z\"']")
# Footnotes are found among a page's last lines only, and at most this many lines are taken for them.
FOOTNOTE_LINES = 10
# Small print has more characters to the line than the body's widest lines (all but the longest tenth), when
# the page has enough body lines to tell.
SMALL_PRINT = 1.1
BODY_LINES = 10


def contact_sort(line: str) -> str | None:
    """The sort of contact detail a short line holds ("postcode", "phone", "email", "web"), else None."""
    text = " ".join(line.split())
    if not text or len(text) > CONTACT_LINE_LENGTH:
        return None
    if _PHONE.match(text):
        return "phone"
    if _EMAIL.match(text):
        return "email"
    if _WEB.match(text):
        return "web"
    if _POSTCODE.search(text):
        return "postcode"
    return None


def letterhead_spans(page: list[str]) -> list[range]:
    """Blocks of short lines dense with contact details, with the street address above their postcode."""
    sorts = [contact_sort(line) for line in page]
    spans: list[range] = []
    index = 0
    while index < len(page):
        if sorts[index] is None:
            index += 1
            continue
        end = _contact_run_end(page, sorts, index)
        found = [sort for sort in sorts[index : end + 1] if sort]
        if len(found) >= CONTACT_LINES and len(set(found)) >= CONTACT_SORTS:
            start = _address_start(page, index) if sorts[index] == "postcode" else index
            spans.append(range(start, end + 1))
        index = end + 1
    return spans


def _contact_run_end(page: list[str], sorts: list[str | None], start: int) -> int:
    """The last contact line of the run beginning at start, allowing a few short lines between them."""
    end = start
    gap = 0
    for index in range(start + 1, len(page)):
        line = page[index].strip()
        if sorts[index]:
            end, gap = index, 0
        elif line:
            gap += 1
            if gap > CONTACT_GAP or len(line) > CONTACT_LINE_LENGTH:
                break
    return end


def _address_start(page: list[str], postcode: int) -> int:
    """The first line of the street address that ends in the postcode line: short lines of capitalised words
    with no sentence punctuation, directly above it. A heading or a sentence above stops it."""
    start = postcode
    while start > 0 and postcode - start < ADDRESS_LINES:
        line = page[start - 1].strip()
        words = line.split()
        if not words or len(line) > ADDRESS_LINE_LENGTH or line[-1] in ".:;?!":
            break
        if not all(_ADDRESS_WORD.match(word) for word in words) or heading_kind(line) is not None:
            break
        start -= 1
    return start


def footnote_spans(page: list[str]) -> list[range]:
    """The footnotes at the page's foot: from the first of its last lines that starts with a number and is
    either the number of a footnote mark made earlier on the page (a number alone on its line, or one set
    against a word: "improve?1", "framework.2") or in smaller print than the page's text (more characters
    to the line) to the page's end."""
    content = [index for index, line in enumerate(page) if line.strip()]
    for index in content[-FOOTNOTE_LINES:]:
        match = _FOOTNOTE.match(page[index].strip())
        if not match:
            continue
        before = [page[i].strip() for i in content if i < index]
        if _marked(match.group(1), before) or _small_print(page[index].strip(), before):
            return [range(index, len(page))]
    return []


def _small_print(line: str, before: list[str]) -> bool:
    if len(before) < BODY_LINES:
        return False
    lengths = sorted(len(text) for text in before)
    return len(line) > SMALL_PRINT * lengths[int(len(lengths) * 0.9)]


def _marked(number: str, before: list[str]) -> bool:
    # A page's first line may be its page number, which is not a mark.
    if any(line.strip() == number for line in before[1:]):
        return True
    glued = re.compile(rf"[a-z)?!'\"]\.?{number}(?!\d)")
    return any(glued.search(line) for line in before)
