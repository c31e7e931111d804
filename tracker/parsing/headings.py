"""Section headings, recognised by meaning rather than exact wording.

A heading is a whole line (or a heading block) on its own; the same words inside a sentence, such as
"the areas for improvement identified at the previous inspection", are not a heading.
"""

from __future__ import annotations

import re

# A heading may carry a footnote mark straight after it: "What needs to improve?1" (2025–26 reports,
# whose footnote says the points cite the National Framework). A page number after a space is a
# contents line, not a heading, so the mark must touch the heading.
_END = r"(?:[:?.]?(?:\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹]))?\s*[:?.]?\s*$"

# Headings that introduce improvement points, and the kind of point each list holds.
POINT_HEADINGS = (
    # "Priority and immediate action" heads the first list of 2013–2015 single inspection framework reports;
    # it keeps its own kind (kinds are exact: never renamed "Area for priority action").
    ("priority_and_immediate_action", r"(?:areas?\s+for\s+)?priority\s+and\s+immediate\s+actions?"),
    # "Priority actions" alone heads the same list in some 2014 reports (for their safeguarding board).
    ("area_for_priority_action", r"(?:the\s+)?areas?\s+(?:for|of)\s+priority\s+action|priority\s+actions?"),
    (
        "what_needs_to_improve",
        r"what\s+needs\s+to\s+(?:improve|be\s+improved)(?:\s+(?:further|next))?(?:\s+(?:in|for)\b.{0,70})?"
        r"|what\s+(?:does|do)\s+.{2,50}?\s+need\s+to\s+(?:improve|do\s+to\s+improve)",
    ),
    ("recommendation", r"(?:key\s+|main\s+|ofsted'?s?\s+)?recommendations?(?:\s+for\s+improvement)?"),
    (
        "area_for_improvement",
        r"(?:key\s+|main\s+)?areas?\s+(?:for|of|requiring)\s+(?:further\s+)?improvement(?:\s+.{0,40})?",
    ),
    ("area_for_development", r"(?:key\s+|main\s+)?areas?\s+(?:for|of)\s+(?:further\s+)?development"),
)

STRENGTH_HEADING = r"(?:[\w'. -]{2,40}'s\s+)?(?:key\s+|main\s+)?(?:strengths|areas?\s+of\s+strength)"

# Other headings that end a list. Generic ones are found by shape (see blocks.looks_like_heading).
OTHER_HEADINGS = (
    r"(?:main|headline|key|inspection|overall|summary\s+of)?\s*findings(?:\s+and\s+evaluation\s+of\s+progress)?",
    r"(?:executive\s+)?summary(?:\s+for\s+children\s+and\s+young\s+people)?",
    r"overview|next\s+steps|contents|introduction|background(?:\s+papers)?|appendix(?:\s+\w+)?|appendices",
    r"information\s+about\s+this\s+(?:inspection|local\s+authority\s+area)|the\s+local\s+authority",
    r"areas\s+covered\s+by\s+(?:the|this)\s+visit|evaluation\s+of\s+progress",
    r"the\s+experiences\s+and\s+progress\s+of\b.{0,90}|the\s+impact\s+of\s+leaders\b.{0,90}",
    r"leadership,?\s+management\s+and\s+governance|overall\s+effectiveness",
    r"officers?\s+to\s+contact|report\s+headlines|judgements?(?:\s+grades?)?|grades?",
    r"case\s+stud(?:y|ies)\b.{0,80}|purpose\s+of\s+(?:the|this)\s+report|conclusions?",
    r"policy\s+framework.{0,60}|resource\s+implications|equality.{0,40}implications",
    r"(?:what|how)\s+the\s+inspection\s+found.{0,40}|yours\s+sincerely",
)

# The part of a single inspection framework report (2013–2018) about the Local Safeguarding Children Board,
# whose lists are recommendations to the board, and the parts about the council itself. Matched at the start
# of a line, as a title may wrap: "Section 2: The effectiveness of the Local Safeguarding" / "Children Board".
_PARTNERSHIP_PART = re.compile(
    r"^(?:section\s+\d+\s*:\s*)?(?:inspection\s+findings\s*[–-]\s*|inspection\s+judge?ments?\s+about\s+"
    r"|what\s+the\s+inspection\s+judge?ments\s+mean\s*:\s*|the\s+effectiveness\s+(?:of\s+)?|(?:the\s+)?review\s+of\s+)?"
    r"(?:the\s+)?(?:local\s+safeguarding(?:\s+children(?:['’]s)?)?(?:\s+board\b|$)|lscb\b)"
    r"|^what\s+(?:does|do)\s+the\s+(?:local\s+safeguarding\s+children(?:['’]s)?\s+board|lscb)\b",
    re.I,
)
_COUNCIL_PART = re.compile(
    r"^(?:section\s+1\b|the\s+local\s+authority\s*\d?$|what\s+(?:does|do)\s+the\s+(?:local\s+authority|council)\b"
    r"|information\s+about\s+this\s+(?:inspection|local\s+authority))",
    re.I,
)
# "The Local Safeguarding Children Board (LSCB) 35": a line of the contents, naming the part, not starting it.
_CONTENTS_LINE = re.compile(r"\s\d{1,3}\s*$")

# A visit letter's account of what the visit looked at: in a monitoring visit, where its points are.
AREAS_COVERED = re.compile(r"^areas\s+covered\s+by\s+(?:the|this)\s+visit\b", re.I)

_POINT_RES = [(kind, re.compile(rf"^(?:{pattern}){_END}", re.I)) for kind, pattern in POINT_HEADINGS]
_STRENGTH_RE = re.compile(rf"^{STRENGTH_HEADING}{_END}", re.I)
_OTHER_RE = re.compile(rf"^(?:{'|'.join(OTHER_HEADINGS)}){_END}", re.I)
_NUMBERING = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|[a-z]\)|\([a-z]\))\s+", re.I)


def heading_kind(line: str) -> str | None:
    """A point kind, "strengths", "other" for another known heading, or None for a line that is not one."""
    text = _NUMBERING.sub("", " ".join(line.split()))
    # Headings start with a capital; a wrapped sentence's next line usually does not.
    if not text or len(text) > 110 or not text[0].isupper():
        return None
    for kind, regex in _POINT_RES:
        if regex.match(text):
            return kind
    if _STRENGTH_RE.match(text):
        return "strengths"
    if _OTHER_RE.match(text):
        return "other"
    return None


def part_of_report(line: str) -> str | None:
    """ "partnership" for a line that starts the part of a report about the Local Safeguarding Children
    Board, "council" for one that starts a part about the council; None for any other line."""
    text = _NUMBERING.sub("", " ".join(line.split()))
    if not text or len(text) > 110 or not text[0].isupper() or text[-1] in ".;," or _CONTENTS_LINE.search(text):
        return None
    if _PARTNERSHIP_PART.match(text):
        return "partnership"
    if _COUNCIL_PART.match(text):
        return "council"
    return None
