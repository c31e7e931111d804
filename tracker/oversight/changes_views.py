"""What changed since a date (by default, since the last committee paper's figures), and its CSV download."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask import Response, render_template, request

from tracker.changes.last_paper import last_paper_as_at
from tracker.changes.model import Changes
from tracker.changes.period import uk_date
from tracker.changes.queries import changes_between, themes
from tracker.changes.rows import change_rows, to_csv
from tracker.forms import choices
from tracker.models import Authority, Role
from tracker.oversight.forms import ChangesForm
from tracker.oversight.overdue import inspection_titles
from tracker.oversight.scope import oversight_authority
from tracker.security import requires_role
from tracker.text import attachment
from tracker.timeutil import long_date, today

OVERSEERS = (Role.DIRECTOR, Role.ADMINISTRATOR)
DEFAULT_DAYS = 28
LIST_LIMIT = 200  # rows shown in each section; the CSV has them all


@dataclass(frozen=True)
class Choice:
    """The period and filters asked for, with the defaults filled in and what they mean."""

    since: date
    until: date
    since_means: str  # why this "since", for the page
    inspection_ids: list[int] | None
    theme: str | None

    def args(self) -> dict:
        """The same choice as query-string arguments, for the download link."""
        args = {"since": _boxes(self.since), "until": _boxes(self.until)}
        if self.inspection_ids:
            args["plan"] = str(self.inspection_ids[0])
        if self.theme:
            args["theme"] = self.theme
        return args


def _boxes(day: date) -> list[str]:
    return [str(day.day), str(day.month), str(day.year)]


def _form(authority: Authority) -> ChangesForm:
    form = ChangesForm(formdata=request.args if request.args else None)
    form.plan.choices = choices([("", "All plans"), *((str(i), t) for i, t in inspection_titles(authority.id).items())])
    form.theme.choices = choices([("", "All themes"), *((t, t) for t in themes(authority.id))])
    return form


def _choice(form: ChangesForm, authority: Authority, day: date) -> Choice:
    """The period asked for; an empty "since" is the last committee paper's "as at", or DEFAULT_DAYS ago."""
    until = form.until.data or day
    if form.since.data:
        since, means = form.since.data, f"Since {long_date(form.since.data)}, the date you chose."
    else:
        paper = last_paper_as_at(authority.id)
        if paper is not None and paper < until:
            since = paper
            means = f"Since the last committee paper, whose figures were as at {long_date(paper)}."
        else:
            since = until - timedelta(days=DEFAULT_DAYS)
            means = f"In the last {DEFAULT_DAYS} days: no committee paper has been published since before then."
    plan = int(form.plan.data) if form.plan.data else None
    return Choice(since, until, means, [plan] if plan else None, form.theme.data or None)


def _changes(authority: Authority, choice: Choice) -> Changes:
    return changes_between(
        authority.id, choice.since, choice.until, inspection_ids=choice.inspection_ids, theme=choice.theme
    )


@requires_role(*OVERSEERS)
def changes():
    authority = oversight_authority()
    day = today()
    form = _form(authority)
    title = "What changed"
    if request.args and not form.check(day):
        return render_template("oversight/changes.html", title=title, authority=authority, form=form, found=None)
    choice = _choice(form, authority, day)
    found = _changes(authority, choice)
    return render_template(
        "oversight/changes.html",
        title=title,
        authority=authority,
        form=form,
        choice=choice,
        found=found,
        limit=LIST_LIMIT,
        day_of=lambda moment: long_date(uk_date(moment)),
    )


@requires_role(*OVERSEERS)
def changes_csv():
    authority = oversight_authority()
    day = today()
    form = _form(authority)
    if request.args and not form.check(day):
        errors = "; ".join(error for field in form for error in field.errors)
        return Response(f"The download was not made: {errors}\n", status=400, mimetype="text/plain")
    choice = _choice(form, authority, day)
    name = f"{choice.until:%Y-%m-%d} {authority.name} - changes since {choice.since:%Y-%m-%d}.csv"
    return Response(
        to_csv(change_rows(_changes(authority, choice))),
        mimetype="text/csv",
        headers={"Content-Disposition": attachment(name)},
    )
