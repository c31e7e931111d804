"""A council's own Word template: which one its papers use, and changing it (checked, stored, audited)."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from tracker.audit import record
from tracker.extensions import db
from tracker.models import Authority, ReportTemplate, User
from tracker.parsing.limits import Limits
from tracker.reports.docx_template import check_template
from tracker.timeutil import utcnow


def current(authority_id: int) -> ReportTemplate | None:
    """The council's own template, or None when its papers use the tracker's default."""
    return db.session.scalar(select(ReportTemplate).where(ReportTemplate.authority_id == authority_id))


def content(authority_id: int) -> bytes | None:
    """The template's file for to_docx (None: the default)."""
    template = current(authority_id)
    return template.content if template else None


def word_options(authority: Authority) -> dict:
    """What render.to_docx needs to write one of this council's papers."""
    return {"template": content(authority.id), "council": authority.name}


def replace(authority: Authority, file_name: str, data: bytes, actor: User, limits: Limits) -> ReportTemplate:
    """Check the file (TemplateRefused says why) and make it the council's template, auditing the change."""
    check_template(data, limits)
    digest = hashlib.sha256(data).hexdigest()
    template = current(authority.id)
    before = (template.file_name, template.sha256) if template else (None, None)
    if template is None:
        template = ReportTemplate(authority_id=authority.id)
        db.session.add(template)
    template.file_name, template.sha256, template.content = file_name, digest, data
    template.uploaded_by, template.uploaded_at = actor, utcnow()
    _audit(template, "created" if before[0] is None else "changed", actor, before, (file_name, digest))
    return template


def reset(authority: Authority, actor: User) -> bool:
    """Go back to the tracker's default template; False if the council was already using it."""
    template = current(authority.id)
    if template is None:
        return False
    _audit(template, "deleted", actor, (template.file_name, template.sha256), (None, None))
    db.session.delete(template)
    return True


def _audit(template: ReportTemplate, event: str, actor: User, before: tuple, after: tuple) -> None:
    for field, old, new in (("file_name", before[0], after[0]), ("sha256", before[1], after[1])):
        record(template, event, actor, field=field, before=old, after=new)
