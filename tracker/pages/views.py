from flask import Blueprint, render_template

bp = Blueprint("pages", __name__)


@bp.route("/accessibility")
def accessibility():
    # Public: an accessibility statement must be readable before signing in (public sector regulations).
    return render_template("pages/accessibility.html", title="Accessibility statement")
