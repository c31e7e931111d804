"""Which council an imported document is filed under: the one it names.

A council's own people import for their council only, so a document that clearly names another is refused
with the reason (filed under the wrong council, its findings would be that council's plan). The service
operator, of no council, files a document under the council it names, adding that council first when it is
not yet on the service. See docs/decisions.md (issue 19).
"""

from __future__ import annotations

from sqlalchemy import select

from tracker.councils import matching
from tracker.councils.names import default_short_name
from tracker.extensions import db
from tracker.models import Authority


def refusal(named: str | None, council: Authority) -> str | None:
    """Why a council's own people may not import a document naming `named`, or None when they may."""
    if not matching.names_another(named, council.name):
        return None
    official = matching.official_name(named or "")
    return (
        f"This report is about {official}, not {council.name}. "
        f"Ask the service operator to file it under {default_short_name(official)}."
    )


def names_council(named: str | None, council: Authority) -> bool:
    """Whether the document says it is about this council (if not, the importer confirms the council)."""
    return bool(named) and matching.same_council(named or "", council.name)


def council_named(named: str | None) -> Authority | None:
    """The council on the service that the document names, if any (councils are a few hundred at most)."""
    if not named:
        return None
    return matching.find_named(named, ((a, a.name) for a in db.session.scalars(select(Authority))))


def name_to_add(named: str) -> str:
    """The name offered for a council the document names that is not on the service: its official one."""
    return matching.official_name(named)
