"""Form pieces shared by every area: GOV.UK date fields and the error summary's links."""

from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovDateInput, GovTextArea
from wtforms import DateField, FieldList, FormField, HiddenField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, StopValidation

from tracker.text import clean_text

FORM_ERRORS_ANCHOR = "form"
TEXT_LIMIT = 2000


def required_text(label: str, *, missing: str, noun: str, description: str | None = None, widget=None):
    """A required text area of at most TEXT_LIMIT characters, with GOV.UK's messages."""
    return TextAreaField(
        label,
        description=description,
        widget=widget or GovTextArea(),
        validators=[
            DataRequired(missing),
            Length(max=TEXT_LIMIT, message=f"{noun} must be {TEXT_LIMIT} characters or fewer"),
        ],
    )


def choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms 3.3 wants them."""
    return [SelectChoice(value, label) for value, label in pairs]


class GovDateField(DateField):
    """Day, month and year boxes, with GOV.UK's messages for a missing or impossible date."""

    widget = GovDateInput()

    def __init__(self, label: str, *, required: bool = True, **kwargs):
        super().__init__(label, format="%d %m %Y", **kwargs)
        self.required = required

    def process_formdata(self, valuelist):
        # Always three parts, so the page can be shown again whatever was posted.
        parts = [str(v).strip() for v in (list(valuelist) + ["", "", ""])[:3]]
        self.raw_data = parts
        self.data = None
        if not any(parts):
            if self.required:
                raise ValueError(f"Enter the {self.label.text.lower()}")
            return
        names = ("day", "month", "year")
        missing = [n for n, v in zip(names, parts, strict=False) if not v]
        if missing:
            raise ValueError(f"{self.label.text} must include a {' and '.join(missing)}")
        try:
            day, month, year = (int(p) for p in parts)
            if year < 1900 or year > 2100:
                raise ValueError
            self.data = date(year, month, day)
        except ValueError:
            raise ValueError(f"{self.label.text} must be a real date") from None

    def pre_validate(self, form):
        # process_formdata has already said what is wrong with boxes that were sent; a required date whose
        # boxes were not sent at all (a hand-made request) is simply missing.
        if self.required and self.data is None and not self.process_errors:
            raise StopValidation(f"Enter the {self.label.text.lower()}")


class GovMonthInput(GovDateInput):
    """GOV.UK's date input with month and year boxes only, for dates papers give to the month."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        params["items"] = params["items"][1:]  # no day box
        return params


class GovMonthField(DateField):
    """A month and year ("September 2019"), kept as the first of the month; GOV.UK's messages."""

    widget = GovMonthInput()

    def __init__(self, label: str, *, required: bool = True, **kwargs):
        super().__init__(label, format="%m %Y", **kwargs)
        self.required = required

    def process_formdata(self, valuelist):
        parts = [str(v).strip() for v in (list(valuelist) + ["", ""])[:2]]
        self.raw_data = ["", *parts]  # the widget reads day, month, year
        self.data = None
        if not any(parts):
            if self.required:
                raise ValueError(f"Enter the {self.label.text.lower()}")
            return
        missing = [n for n, v in zip(("month", "year"), parts, strict=True) if not v]
        if missing:
            raise ValueError(f"{self.label.text} must include a {' and '.join(missing)}")
        try:
            month, year = (int(p) for p in parts)
            if year < 1900 or year > 2100:
                raise ValueError
            self.data = date(year, month, 1)
        except ValueError:
            raise ValueError(f"{self.label.text} must be a real month") from None

    def _value(self):
        return ""

    def pre_validate(self, form):
        if self.required and self.data is None and not self.process_errors:
            raise StopValidation(f"Enter the {self.label.text.lower()}")


class Form(FlaskForm):
    """Every form's base: text typed in loses control characters (they break Word, Excel and headers)."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            if issubclass(unbound_field.field_class, StringField):  # TextAreaField and the rest too
                own = options.get("filters") or unbound_field.kwargs.get("filters") or ()
                options["filters"] = [clean_text, *own]
            return unbound_field.bind(form=form, **options)


class VersionedForm(Form):
    """A form that edits an action: carries the version it was loaded at, to refuse a lost update."""

    version = HiddenField()
    # The newest audit event of the action when the form was shown: what came after is what others changed.
    seen_event = HiddenField()


def error_summary_items(form) -> list[dict]:
    """The error summary's entries, each linking to the first input of its field (lists of sub-forms too)."""
    items = [{"text": message, "href": f"#{FORM_ERRORS_ANCHOR}"} for message in getattr(form, "form_errors", [])]
    return items + _field_errors(form)


def _field_errors(fields) -> list[dict]:
    items = []
    for field in fields:
        if isinstance(field, FieldList | FormField):
            items += _field_errors(field.entries if isinstance(field, FieldList) else field.form)
        elif field.errors:
            anchor = field.id
            if isinstance(field, DateField):
                anchor = f"{field.id}-month" if isinstance(field, GovMonthField) else f"{field.id}-day"
            items.append({"text": field.errors[0], "href": f"#{anchor}"})
    return items


# A choice among more people than this is made by typing (GOV.UK's accessible-autocomplete, applied by app.js
# to a <select> marked so); a shorter list stays a plain select, which is quicker to scan.
LONG_SELECT_OPTIONS = 20


def autocomplete_attributes(options, *, always: bool = False) -> dict[str, str]:
    """The attributes that mark a select for app.js to enhance: when it is long, or `always` (a filter by
    person, whose list grows with the council)."""
    return {"data-autocomplete": "true"} if always or len(list(options)) > LONG_SELECT_OPTIONS else {}
