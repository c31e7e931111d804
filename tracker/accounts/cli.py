"""`flask --app wsgi users create-admin` and `users create-operator`: accounts made at the command line, by
whoever runs the installation (so their passwords are their own, not temporary)."""

import click
from flask.cli import with_appcontext

from tracker import sessions
from tracker.accounts import operations, passwords
from tracker.councils import operations as councils
from tracker.extensions import db
from tracker.models import Role

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
    problem = passwords.problem(password, about=passwords.details(email, None, job_title, authority_name))
    if problem:
        raise click.ClickException(problem)
    if operations.email_taken(email):
        raise click.ClickException(f"An account with the email address {email} already exists")
    authority = councils.find_council(authority_name) or councils.create_council(None, authority_name)
    councils.add_administrator(None, authority, email=email, name=None, job_title=job_title, password=password)
    db.session.commit()
    click.echo(f"Administrator {email.strip().lower()} created for {authority.name}.")


@users_cli.command("create-operator")
@click.option("--email", required=True)
@click.option("--name", default=None, help="Their name (optional).")
@click.option("--job-title", default="Service operator", show_default=True)
@click.password_option(help="Asked for, hidden, when not given.")
@with_appcontext
def create_operator(email: str, name: str | None, job_title: str, password: str) -> None:
    """Create a service operator: adds councils and their first administrators and sees who has an account,
    never a council's plan. Only this command makes one. They set up two-factor sign-in at first sign-in."""
    problem = passwords.problem(password, about=passwords.details(email, name, job_title, None))
    if problem:
        raise click.ClickException(problem)
    if operations.email_taken(email):
        raise click.ClickException(f"An account with the email address {email} already exists")
    operations.create_user(
        None, authority=None, email=email, name=name, job_title=job_title, role=Role.OPERATOR, password=password
    )
    db.session.commit()
    click.echo(f"Service operator {email.strip().lower()} created.")


@users_cli.command("reset-two-factor")
@click.option("--email", required=True)
@with_appcontext
def reset_two_factor(email: str) -> None:
    """Reset someone's two-factor sign-in (they set it up again at their next sign-in) and sign them out
    everywhere: for a service operator who has lost their phone, whom no page can help."""
    user = operations.find_by_email(email)
    if user is None:
        raise click.ClickException(f"There is no account with the email address {email}")
    operations.set_two_factor(None, user, None, None)
    sessions.end_all(user)
    db.session.commit()
    click.echo(f"Two-factor sign-in reset for {user.email}; they set it up again when they next sign in.")
