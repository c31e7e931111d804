import sys
from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Authority
from tracker.models.report import APPENDIX_FILE_PART
from tracker.reports import committee, council_template, data, render
from tracker.reports.appendices import split
from tracker.reports.defaults import UnknownPlans, cover_plans, default_inputs
from tracker.timeutil import today

report_cli = AppGroup("report", help="Generate committee reports.")


@report_cli.command("committee")
@click.option("--authority", "authority_name", required=True, help="The authority's name, as in the tracker.")
@click.option(
    "--meeting-name", required=True, help='The committee, e.g. "Children and Families Overview and Scrutiny Committee".'
)
@click.option("--meeting-date", type=click.DateTime(formats=["%Y-%m-%d"]), required=True)
@click.option(
    "--as-at", type=click.DateTime(formats=["%Y-%m-%d"]), help="The date the figures are taken at (default: today)."
)
@click.option(
    "--plans",
    default="latest",
    show_default=True,
    help="The plans covered: latest (the newest inspection's), all (every plan of the authority) or inspection "
    "ids separated by commas, e.g. 12,15.",
)
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The date of the last report: what was achieved since then is reported as such.",
)
@click.option("--format", "fmt", type=click.Choice(["html", "docx", "pdf"]), required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
def committee_command(authority_name, meeting_name, meeting_date, as_at, plans, since, fmt, out) -> None:
    """Write a draft committee report from the current data (by default the authority's latest inspection)."""
    authority = db.session.scalar(select(Authority).where(Authority.name == authority_name))
    if authority is None:
        names = ", ".join(db.session.scalars(select(Authority.name).order_by(Authority.name)))
        click.echo(f"Error: there is no authority called {authority_name!r}. Known: {names}", err=True)
        sys.exit(1)
    inputs = default_inputs(authority, meeting_name, meeting_date.date(), as_at.date() if as_at else today())
    try:
        cover_plans(inputs, authority, plans)
    except UnknownPlans as error:
        click.echo(f"Error: {error}.", err=True)
        sys.exit(1)
    if since is not None:
        if since.date() > inputs.as_at:
            click.echo(f"Error: --since ({since:%Y-%m-%d}) is after the as-at date ({inputs.as_at}).", err=True)
            sys.exit(1)
        inputs.previous_report = since.date()
    report = committee.build(inputs, data.load(inputs))
    if fmt == "html":  # one page, the appendix inline, as the web page shows it
        out.write_text(render.to_print_html(report), encoding="utf-8")
        click.echo(f"Wrote {out}")
        return
    # Word and PDF: the paper, and its appendix as a file of its own beside it, as they are published
    options = council_template.word_options(authority) if fmt == "docx" else {}
    paper, appended = split(report)
    written = [(out, paper)]
    if appended is not None:
        written.append((out.with_name(f"{out.stem}{APPENDIX_FILE_PART}{out.suffix}"), appended))
    for path, document in written:
        path.write_bytes(render.to_docx(document, **options) if fmt == "docx" else render.to_pdf(document))
        click.echo(f"Wrote {path}")
