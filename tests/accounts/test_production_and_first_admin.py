"""Production refuses a default secret key and demo accounts; the first administrator comes from a command."""

import pytest
from sqlalchemy import select

from tests.conftest import make_config
from tests.helpers.data import committed
from tracker.app import create_app
from tracker.config import DEFAULT_SECRET_KEY
from tracker.extensions import db
from tracker.models import Authority, Role, User
from tracker.production import UnsafeConfiguration

GOOD_KEY = "k" * 48


def _production(app, **overrides):
    return make_config(app.config["SQLALCHEMY_DATABASE_URI"], PRODUCTION=True, **overrides)


def test_production_refuses_the_default_or_a_short_secret_key(app):
    for key in (DEFAULT_SECRET_KEY, "short"):
        with pytest.raises(UnsafeConfiguration, match="SECRET_KEY"):
            create_app(_production(app, SECRET_KEY=key))


def test_production_refuses_a_database_with_demo_accounts(seeded_app):
    with pytest.raises(UnsafeConfiguration, match="demo accounts"):
        create_app(_production(seeded_app, SECRET_KEY=GOOD_KEY))


def test_production_starts_on_a_database_without_them_and_will_not_seed(application_app):
    # Connected as production connects: on PostgreSQL as the application's role (tests/helpers/roles.py).
    production = create_app(_production(application_app, SECRET_KEY=GOOD_KEY))
    result = production.test_cli_runner().invoke(args=["seed"])
    assert result.exit_code != 0 and "never seeded in production" in result.output


def test_the_first_administrator_is_created_by_a_command(app):
    runner = app.test_cli_runner()
    args = ["users", "create-admin", "--authority", "Fenmarsh Council", "--email", "Admin@Fenmarsh.example.org"]
    result = runner.invoke(args=[*args, "--password", "password1234"])
    assert result.exit_code != 0 and "harder to guess" in result.output
    result = runner.invoke(args=[*args, "--password", "paper lantern orchard violin"])
    assert result.exit_code == 0, result.output
    with committed(app):
        user = db.session.scalar(select(User).where(User.email == "admin@fenmarsh.example.org"))
        assert user.role == Role.ADMINISTRATOR and not user.is_demo
        assert db.session.scalar(select(Authority.slug).where(Authority.id == user.authority_id)) == "fenmarsh-council"
    result = runner.invoke(args=[*args, "--password", "paper lantern orchard violin"])
    assert result.exit_code != 0 and "already exists" in result.output
