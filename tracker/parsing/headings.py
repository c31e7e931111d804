"""Section headings, recognised by meaning rather than exact wording.

A heading is a whole line (or a heading block) on its own; the same words inside a sentence, such as
"the areas for improvement identified at the previous inspection", are not a heading.
"""

from __future__ import annotations

import re

_END = r"\s*[:?.]?\s*$"

# Headings that introduce improvement points, and the kind of point each list holds.
POINT_HEADINGS = (
    (
        "area_for_priority_action",
        # "Priority and immediate action" heads the first list in 2013–2015 reports on inadequate services.
        r"(?:the\s+)?areas?\s+(?:for|of)\s+priority\s+action|priority\s+and\s+immediate\s+actions?",
    ),
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
