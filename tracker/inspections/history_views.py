"""The council's inspection history: every inspection the tracker holds and the earlier ones a director
records, newest first; a director adds, corrects and removes the recorded ones (each change audited)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from govuk_frontend_wtf.wtforms_widgets import GovSelect
from wtforms import SelectField
from wtforms.validators import InputRequired

from tracker.extensions import db
from tracker.forms import Form, GovDateField, GovMonthField, choices
from tracker.inspections.history import add_past, correct_past, find_past, history_of, remove_past
from tracker.models import DocumentKind, PastInspection, Role
from tracker.models.history import EVENT_KINDS, OVERALL_GRADES
from tracker.security import found_in_authority, requires_role
from tracker.timeutil import today

NOT_GRADED = ""


class PastInspectionForm(Form):
    doc_type = SelectField(
        "Kind of inspection",
        choices=choices([(k.value, k.label) for k in EVENT_KINDS]),
        validators=[InputRequired("Select the kind of inspection")],
        widget=GovSelect(),
    )
    started_month = GovMonthField("Month the inspection started", description="For example, 9 2019")
    ended_month = GovMonthField(
        "Month the inspection ended",
        required=False,
        description="Leave empty if it started and ended in the same month. For example, 10 2019",
    )
    published = GovDateField("Date the findings were published", required=False, description="If known")
    overall_effectiveness = SelectField(
        "Overall effectiveness",
        choices=choices([(NOT_GRADED, "Not graded, or not known"), *((g, g) for g in OVERALL_GRADES)]),
        default=NOT_GRADED,
        widget=GovSelect(),
    )

    def checked(self) -> bool:
        """Validate, then the rules between fields; each fault is put on its field."""
        if not self.validate_on_submit():
            return False
        start, end, published = self.started_month.data, self.ended_month.data, self.published.data
        this_month = today().replace(day=1)
        if start > this_month:
            self.started_month.errors.append("The month the inspection started must be this month or in the past")
        if end is not None and end < start:
            self.ended_month.errors.append("The month the inspection ended must be the same as or after it started")
        elif end is not None and end > this_month:
            self.ended_month.errors.append("The month the inspection ended must be this month or in the past")
        if published is not None and published > today():
            self.published.errors.append("The date the findings were published must be today or in the past")
        elif published is not None and published < start:
            self.published.errors.append("The date the findings were published must be after the inspection started")
        return not self.errors

    def values(self) -> dict:
        return {
            "doc_type": DocumentKind(self.doc_type.data),
            "started_month": self.started_month.data,
            "ended_month": self.ended_month.data if self.ended_month.data != self.started_month.data else None,
            "published": self.published.data,
            "overall_effectiveness": self.overall_effectiveness.data or None,
        }


@requires_role(Role.DIRECTOR, Role.ADMINISTRATOR)
def history():
    return render_template(
        "inspections/history.html",
        title="Inspection history",
        entries=history_of(current_user.authority_id),
        can_change=current_user.role == Role.DIRECTOR,
    )


def _own(past_id: int) -> PastInspection:
    """The council's own record; another council's is not found (its existence is none of this one's business),
    and asking for it is recorded as a probe."""
    return found_in_authority(find_past(current_user.authority_id, past_id), PastInspection, past_id)


@requires_role(Role.DIRECTOR)
def add():
    form = PastInspectionForm()
    if form.checked():
        past = add_past(current_user.authority_id, current_user, **form.values())
        db.session.commit()
        flash(f"{past.display_name} added to the inspection history", "success")
        return redirect(url_for("inspections.history"))
    return render_template("inspections/past_form.html", title="Add an earlier inspection", form=form)


@requires_role(Role.DIRECTOR)
def correct(past_id: int):
    past = _own(past_id)
    form = PastInspectionForm(obj=past)
    if form.is_submitted():
        if form.checked():
            correct_past(past, current_user, **form.values())
            db.session.commit()
            flash(f"{past.display_name} corrected", "success")
            return redirect(url_for("inspections.history"))
    else:
        form.overall_effectiveness.data = past.overall_effectiveness or NOT_GRADED
    return render_template("inspections/past_form.html", title="Correct an earlier inspection", form=form, past=past)


class RemoveForm(Form):
    pass


@requires_role(Role.DIRECTOR)
def remove(past_id: int):
    past = _own(past_id)
    form = RemoveForm()
    if form.validate_on_submit():
        name = past.display_name
        remove_past(past, current_user)
        db.session.commit()
        flash(f"{name} removed from the inspection history", "success")
        return redirect(url_for("inspections.history"))
    return render_template("inspections/past_remove.html", title="Remove an earlier inspection", form=form, past=past)
