"""The sign-up form, with the forms app's spam protection (a honeypot and a signed time stamp).
The consent box is never pre-ticked: the person ticks it themselves."""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError

from mrdinfo.forms.spam import SpamProtectedFormMixin

# A name in any script: letters and combining marks, with spaces, hyphens, apostrophes and full
# stops (ZWNJ/ZWJ are part of some scripts' names). The same rule as a donor's names.
NAME_PUNCTUATION = {"'", "’", "-", "‐", ".", " ", "\u200c", "\u200d"}
FIRST_NAME_MAX_LENGTH = 60


def clean_first_name(text):
    value = unicodedata.normalize("NFC", re.sub(r"\s+", " ", str(text or "")).strip())
    if not value:
        return ""
    if len(value) > FIRST_NAME_MAX_LENGTH:
        raise ValidationError(f"Your first name must be {FIRST_NAME_MAX_LENGTH} characters or fewer", code="max_length")
    for character in value:
        if character not in NAME_PUNCTUATION and unicodedata.category(character)[0] not in {"L", "M"}:
            raise ValidationError(
                "Your first name can only have letters, spaces, hyphens and apostrophes", code="invalid"
            )
    if not any(unicodedata.category(character)[0] == "L" for character in value):
        raise ValidationError("Enter your first name", code="invalid")
    return value


class NewsletterForm(SpamProtectedFormMixin, forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    first_name = forms.CharField(
        label="First name",
        required=False,
        max_length=FIRST_NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    consent = forms.BooleanField(
        error_messages={"required": "Tick the box to say you want the newsletter"},
    )
    page = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)

    def __init__(self, *args, **kwargs):
        from .subscriptions import CONSENT_WORDING

        super().__init__(*args, **kwargs)
        self.fields["consent"].label = CONSENT_WORDING

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_first_name(self):
        value = self.cleaned_data.get("first_name", "")
        return clean_first_name(value) if value.strip() else ""

    def error_links(self, prefix):
        """The error summary's entries: each links to its question, in the order they appear.
        The inputs' ids carry the form's prefix (includes/form.html: "<prefix>-first-name")."""
        links = [{"text": error, "href": ""} for error in self.non_field_errors()]
        for field in self:
            if field.name not in {"website", "form_started"}:
                anchor = f"#{prefix}-{field.name.replace('_', '-')}"
                links += [{"text": error, "href": anchor} for error in field.errors]
        return links
