"""What a council's committee paper reports: the paper is the source of an inspection's findings, not an
inspection. Its kind is read from the paper's own words; a paper on a full inspection says only
"inspection", so that is the default."""

from __future__ import annotations

import re

from tracker.models import DocumentKind, SourceKind

# The opening of a paper (its heading block, purpose and policy paragraphs) names what it reports; later
# paragraphs mention earlier visits in passing ("since the focused visit in 2022"), so only this much is read.
_OPENING = 1500

# Most specific first: "joint targeted area inspection" is not an ILACS inspection.
_KINDS = (
    (DocumentKind.JTAI, re.compile(r"joint\s+targeted\s+area\s+inspection", re.I)),
    (DocumentKind.FOCUSED_VISIT, re.compile(r"focused\s+visit", re.I)),
    (DocumentKind.MONITORING_VISIT, re.compile(r"monitoring\s+visit", re.I)),
    (DocumentKind.UNANNOUNCED_INSPECTION, re.compile(r"unannounced\s+inspection", re.I)),
)


def reported_kind(paper_text: str) -> DocumentKind:
    """The kind of Ofsted event a council's committee paper reports."""
    opening = paper_text[:_OPENING]
    for kind, words in _KINDS:
        if words.search(opening):
            return kind
    return DocumentKind.INSPECTION_REPORT


def as_inspection(doc_type: DocumentKind, text: str) -> tuple[DocumentKind, SourceKind]:
    """The inspection a parsed document records, and what its findings are read from."""
    if doc_type == DocumentKind.COMMITTEE_REPORT:
        return reported_kind(text), SourceKind.COMMITTEE_REPORT
    return doc_type, SourceKind.OFSTED
