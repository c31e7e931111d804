"""The council's Word template for its papers: a director or administrator uploads it, downloads it, or goes
back to the tracker's default. Routes of the reports blueprint (registered by importing this module)."""

from __future__ import annotations

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.extensions import db
from tracker.imports.reader import sandbox
from tracker.models import Role
from tracker.reports import council_template
from tracker.reports.docx_template import TemplateRefused, default_template
from tracker.reports.forms import TemplateResetForm, TemplateUploadForm
from tracker.reports.views import FILE_TYPES, bp
from tracker.security import requires_role
from tracker.text import attachment

KEEPERS = (Role.DIRECTOR, Role.ADMINISTRATOR)
DEFAULT_NAME = "Committee paper template.docx"


@bp.route("/reports/template", methods=["GET", "POST"])
@requires_role(*KEEPERS)
def template():
    form = TemplateUploadForm()
    if request.method == "POST" and form.validate_on_submit():
        refusal = _upload(form)
        if refusal is None:
            db.session.commit()
            flash("Papers are now written into the council's own template.", "success")
            return redirect(url_for("reports.template"))
        form.file.errors = [refusal]
    elif request.method == "POST" and not form.file.errors:
        form.file.errors = ["Select the council's Word template"]
    return _page(form)


def _upload(form: TemplateUploadForm) -> str | None:
    """None when the template was stored; otherwise what was wrong with it, nothing stored."""
    upload = form.file.data
    name = (getattr(upload, "filename", "") or "").replace("\\", "/").rsplit("/", 1)[-1][-255:]
    if not name:
        return "Select the council's Word template"
    if not name.lower().endswith(".docx"):
        return "The selected file must be a Word document (.docx)"
    limit = current_app.config["REPORT_TEMPLATE_MAX_BYTES"]
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        return f"The selected file must be smaller than {limit / (1024 * 1024):g} MB"
    try:
        council_template.replace(current_user.authority, name, data, current_user, sandbox().limits)
    except TemplateRefused as refused:
        db.session.rollback()
        return str(refused)
    return None


def _page(form: TemplateUploadForm):
    return render_template(
        "reports/template.html",
        title="The council's Word template",
        form=form,
        reset_form=TemplateResetForm(),
        current=council_template.current(current_user.authority_id),
    )


@bp.route("/reports/template/default", methods=["POST"])
@requires_role(*KEEPERS)
def template_default():
    if TemplateResetForm().validate_on_submit() and council_template.reset(current_user.authority, current_user):
        db.session.commit()
        flash("Papers are now written into the tracker's default template.", "success")
    return redirect(url_for("reports.template"))


@bp.route("/reports/template/download")
@requires_role(*KEEPERS)
def template_download():
    current = council_template.current(current_user.authority_id)
    content, name = (current.content, current.file_name) if current else (default_template(), DEFAULT_NAME)
    return Response(
        content,
        mimetype=FILE_TYPES["docx"],
        headers={"Content-Disposition": attachment(name), "X-Content-Type-Options": "nosniff"},
    )
