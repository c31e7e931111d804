"""`flask --app wsgi users create-admin`: the first administrator of a new installation."""

import re

import click
from flask.cli import with_appcontext
from sqlalchemy import func, select

from tracker.accounts import operations, passwords
from tracker.extensions import db
from tracker.models import Authority, Role, User

users_cli = click.Group("users", help="Accounts that must exist before anyone can sign in.")


@users_cli.command("create-admin")
@click.option("--authority", "authority_name", required=True, help="The council's name; created if new.")
@click.option("--email", required=True)
@click.option("--job-title", default="Administrator", show_default=True)
@click.password_option(help="Asked for, hidden, when not given.")
@with_appcontext
def create_admin(authority_name: str, email: str, job_title: str, password: str) -> None:
    """Create an administrator (there are no default accounts). They set up two-factor sign-in at first
    sign-in, then create everyone else on the Accounts page."""
    problem = passwords.problem(password, about=[email, job_title, authority_name])
    if problem:
        raise click.ClickException(problem)
    if db.session.scalar(select(User.id).where(func.lower(User.email) == email.strip().lower())):
        raise click.ClickException(f"An account with the email address {email} already exists")
    authority = db.session.scalar(select(Authority).where(Authority.name == authority_name))
    if authority is None:
        slug = re.sub(r"[^a-z0-9]+", "-", authority_name.lower()).strip("-")[:60] or "council"
        authority = Authority(name=authority_name, slug=slug)
        db.session.add(authority)
        db.session.flush()
    operations.create_user(
        None,
        authority=authority,
        email=email,
        name=None,
        job_title=job_title,
        role=Role.ADMINISTRATOR,
        password=password,
    )
    db.session.commit()
    click.echo(f"Administrator {email.strip().lower()} created for {authority.name}.")
