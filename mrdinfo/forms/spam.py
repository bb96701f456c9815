"""Spam protection without third-party CAPTCHAs (which would load scripts from another host and
track visitors): a honeypot field people never see, and a signed time stamp that catches forms
sent faster than a person could fill them in. The time stamp is single-use: once a form carrying
it has been accepted it is remembered in the shared cache until it would expire anyway (MAX_AGE),
so a script cannot send one page's token again and again.

If the cache cannot be reached the token is accepted (fail open): a parent's message during a
Redis outage matters more than a replay, and the honeypot, the time check and the per-address
rate limit still apply. The outage is logged by core/resilience.py.

Also: answers have maximum lengths (a message of a megabyte is not a message), and single-line
answers lose any line breaks, so a name cannot add a fake "Bcc:" line to the staff email."""

import hashlib
import re
import time
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core import signing
from django.core.cache import cache
from django.core.validators import MaxLengthValidator
from django.forms import BoundField
from django.http import QueryDict

HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"
MIN_SECONDS = 2  # nobody types a message in under two seconds; scripts do
MAX_AGE = 60 * 60 * 24  # a day-old page: ask the person to send again, keeping what they typed
SALT = "mrdinfo.forms.started"
SINGLE_LINE_MAX_LENGTH = 255
MULTI_LINE_MAX_LENGTH = 5000
LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def used_token_key(token: str) -> str:
    return "forms:used-token:" + hashlib.sha256(token.encode()).hexdigest()


def remember_token(token: str) -> bool:
    """False if this token was used before; True if it is new (or the cache is down)."""
    return cache.add(used_token_key(token), 1, timeout=MAX_AGE + 60) is not False


def forget_token(token: str) -> None:
    """The answers could not be saved: the same page may send them again."""
    cache.delete(used_token_key(token))


def started_token() -> str:
    return signing.dumps(time.time(), salt=SALT)


if TYPE_CHECKING:
    _FormBase = forms.Form
else:
    _FormBase = object


class SpamProtectedFormMixin(_FormBase):
    """Mixed into the form Wagtail builds from the editor's fields."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_spam = False
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label="Leave this box empty",
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields[STARTED_FIELD] = forms.CharField(required=False, widget=forms.HiddenInput)
        self.initial[STARTED_FIELD] = started_token()
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and name != STARTED_FIELD and field.max_length is None:
                multi_line = isinstance(field.widget, forms.Textarea)
                field.max_length = MULTI_LINE_MAX_LENGTH if multi_line else SINGLE_LINE_MAX_LENGTH
                field.validators.append(MaxLengthValidator(field.max_length))
                field.widget.attrs["maxlength"] = str(field.max_length)

    def clean_single_line_answers(self, cleaned: dict[str, Any]) -> None:
        for name, field in self.fields.items():
            value = cleaned.get(name)
            if isinstance(value, str) and not isinstance(field.widget, forms.Textarea | forms.HiddenInput):
                cleaned[name] = LINE_BREAKS.sub(" ", value).strip()

    def clean(self) -> dict[str, Any]:
        cleaned = cast(dict[str, Any], super().clean())  # Form.clean returns cleaned_data
        self.clean_single_line_answers(cleaned)
        if cleaned.get(HONEYPOT_FIELD):
            # A person cannot see this box (it is display:none), so whoever filled it is a script.
            self.is_spam = True
            return cleaned
        try:
            started = float(signing.loads(cleaned.get(STARTED_FIELD) or "", salt=SALT))
        except (signing.BadSignature, TypeError, ValueError):
            self.refresh_started_token()
            raise forms.ValidationError("Please check your answers and send them again.", code="missing") from None
        elapsed = time.time() - started
        if elapsed > MAX_AGE:
            self.refresh_started_token()
            raise forms.ValidationError(
                "This page was open for a long time, so please check your answers and send them again.",
                code="expired",
            )
        if elapsed < MIN_SECONDS:
            raise forms.ValidationError(
                "That was sent very quickly. Please check your answers and send them again.", code="too_fast"
            )
        # Used up only by a form that is otherwise fine, so correcting a mistake needs no new token.
        if not self.errors and not remember_token(cleaned[STARTED_FIELD]):
            self.refresh_started_token()
            raise forms.ValidationError(
                "This form was already sent from this page. To send another message, please send it again.",
                code="replayed",
            )
        return cleaned

    def refresh_started_token(self) -> None:
        data = cast(QueryDict, self.data).copy()  # a bound form's data: the request's QueryDict
        data[self.add_prefix(STARTED_FIELD)] = started_token()
        self.data = data

    def release_started_token(self) -> None:
        forget_token(self.cleaned_data.get(STARTED_FIELD) or "")

    def visible_answer_fields(self) -> list[BoundField]:
        return [field for field in self if field.name not in {HONEYPOT_FIELD, STARTED_FIELD}]
