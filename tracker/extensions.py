"""Flask extensions, created unbound so every module can import them without importing the app."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Named constraints, so migrations can alter them on SQLite (batch mode) and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def only_on(dialect: str) -> dict:
    """The `info` of a schema item one database has and the other does not (an index only one planner
    wants): the migrations make it there alone, and the schema check compares it there alone."""
    return {"only_on": dialect}


def compared_on(dialect: str):
    """Alembic's include_object filter for a database of this dialect: leaves out items only another has."""

    def include(item, _name, _type, _reflected, _compare_to) -> bool:
        return getattr(item, "info", {}).get("only_on", dialect) == dialect

    return include


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
login_manager = LoginManager()
csrf = CSRFProtect()
# Throttles failed sign-ins (tracker/auth/throttle.py); only routes that ask are limited.
limiter = Limiter(key_func=get_remote_address)
