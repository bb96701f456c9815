"""Spam protection without third-party CAPTCHAs (which would load scripts from another host and
track visitors): a honeypot field people never see, and a signed time stamp that catches forms
sent faster than a person could fill them in."""

import time

from django import forms
from django.core import signing

HONEYPOT_FIELD = "website"
STARTED_FIELD = "form_started"
MIN_SECONDS = 2  # nobody types a message in under two seconds; scripts do
MAX_AGE = 60 * 60 * 24  # a day-old page: ask the person to send again, keeping what they typed
SALT = "mrdinfo.forms.started"


def started_token():
    return signing.dumps(time.time(), salt=SALT)


class SpamProtectedFormMixin:
    """Mixed into the form Wagtail builds from the editor's fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_spam = False
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label="Leave this box empty",
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        self.fields[STARTED_FIELD] = forms.CharField(required=False, widget=forms.HiddenInput)
        self.initial[STARTED_FIELD] = started_token()

    def clean(self):
        cleaned = super().clean()
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
        return cleaned

    def refresh_started_token(self):
        self.data = self.data.copy()
        self.data[self.add_prefix(STARTED_FIELD)] = started_token()

    def visible_answer_fields(self):
        return [field for field in self if field.name not in {HONEYPOT_FIELD, STARTED_FIELD}]
