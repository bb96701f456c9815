"""The donation forms (choose an amount; your details, Gift Aid and contact choices). Both take
the forms app's spam protection: a honeypot and a signed time stamp.

Nothing here is pre-ticked or pre-chosen that the law says the person must choose themselves:
Gift Aid yes/no, its scope, and each way we may contact them."""

from django import forms
from django.core.exceptions import ValidationError

from mrdinfo.forms.spam import SpamProtectedFormMixin

from . import giftaid
from .models import FREQUENCY_CHOICES, MONTHLY, ONE_OFF, Donation
from .validation import clean_name, clean_postcode, clean_text_line, format_pounds, parse_amount

OTHER = "other"
CONTACT_WORDING_VERSION = "2026-11"


class AmountForm(forms.Form):
    """Step 1: how often and how much. Sent by GET, so ?amount=25&frequency=monthly pre-fills it."""

    frequency = forms.ChoiceField(choices=FREQUENCY_CHOICES, widget=forms.HiddenInput)
    amount = forms.ChoiceField(label="How much would you like to give?", widget=forms.RadioSelect, required=False)
    other_amount = forms.CharField(label="Other amount in pounds", required=False, max_length=30)

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.fields["frequency"].choices = page.frequencies()
        frequency = self.current_frequency()
        self.suggested = page.suggested_amounts(frequency)
        self.fields["amount"].choices = [(s.value, format_pounds(s.amount)) for s in self.suggested] + [
            (OTHER, "Other amount")
        ]
        self.fields[
            "other_amount"
        ].help_text = f"From {format_pounds(page.minimum_amount)} to {format_pounds(page.maximum_amount)}"

    def current_frequency(self):
        allowed = {value for value, _label in self.page.frequencies()}
        wanted = (self.data.get("frequency") if self.is_bound else self.initial.get("frequency")) or ""
        return (
            wanted
            if wanted in allowed
            else self.page.default_frequency
            if self.page.default_frequency in allowed
            else ONE_OFF
        )

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("amount") or ""
        if choice == OTHER or (not choice and cleaned.get("other_amount")):
            text, field = cleaned.get("other_amount"), "other_amount"
        elif choice:
            text, field = choice, "amount"
        else:
            self.add_error("amount", ValidationError("Choose an amount, or enter another amount", code="required"))
            return cleaned
        try:
            cleaned["amount_value"] = parse_amount(text, self.page.minimum_amount, self.page.maximum_amount)
        except ValidationError as error:
            self.add_error(field, error)
        return cleaned

    @classmethod
    def initial_from_query(cls, page, query):
        """Pre-fill from a link like ?amount=25&frequency=monthly; anything odd is just ignored."""
        frequency = query.get("frequency", "")
        allowed = {value for value, _label in page.frequencies()}
        frequency = (
            frequency
            if frequency in allowed
            else (page.default_frequency if page.default_frequency in allowed else ONE_OFF)
        )
        initial = {"frequency": frequency}
        amount = query.get("amount", "")[:30]
        if amount:
            try:
                value = parse_amount(amount, page.minimum_amount, page.maximum_amount)
            except ValidationError:
                initial.update(amount=OTHER, other_amount=amount)
            else:
                suggested = {s.amount: s.value for s in page.suggested_amounts(frequency)}
                if value in suggested:
                    initial["amount"] = suggested[value]
                else:
                    initial.update(amount=OTHER, other_amount=format_pounds(value).removeprefix("£"))
        return initial


class DonorDetailsForm(SpamProtectedFormMixin, forms.Form):
    """Step 2: who is giving, Gift Aid, a tribute, and how we may contact them."""

    title = forms.CharField(label="Title", required=False, max_length=20, help_text="For example, Ms, Mr, Dr or Mx")
    first_name = forms.CharField(
        label="First name", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label="Last name", max_length=100, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We will send your receipt here.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    address_line_1 = forms.CharField(
        label="House name or number and street",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    address_line_2 = forms.CharField(
        label="Address line 2",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    town = forms.CharField(
        label="Town or city",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    postcode = forms.CharField(
        label="Postcode", required=False, max_length=20, widget=forms.TextInput(attrs={"autocomplete": "postal-code"})
    )
    tribute_type = forms.ChoiceField(
        label="Is this gift in memory or in honour of someone?",
        choices=Donation.TRIBUTE_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
    tribute_name = forms.CharField(label="Their name", required=False, max_length=100)
    gift_aid = forms.ChoiceField(
        label="Can we claim Gift Aid on your gift?",
        choices=[("yes", "Yes, I am a UK taxpayer and want to Gift Aid my gift"), ("no", "No, do not claim Gift Aid")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no for Gift Aid"},
    )
    gift_aid_scope = forms.ChoiceField(
        label="Which gifts should Gift Aid cover?",
        choices=giftaid.scope_choices(),
        widget=forms.RadioSelect,
        required=False,
    )
    contact_by_email = forms.BooleanField(label="By email", required=False)
    contact_by_post = forms.BooleanField(label="By post", required=False)
    contact_by_phone = forms.BooleanField(label="By phone", required=False)
    updates_about_this_gift = forms.BooleanField(
        label="Yes, email me now and then about how gifts like mine help, and other ways to help",
        required=False,
    )

    def clean_title(self):
        return clean_text_line(self.cleaned_data.get("title"), "your title", 20, required=False)

    def clean_first_name(self):
        return clean_name(self.cleaned_data.get("first_name"), "first name")

    def clean_last_name(self):
        return clean_name(self.cleaned_data.get("last_name"), "last name")

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_phone(self):
        value = clean_text_line(self.cleaned_data.get("phone"), "your phone number", 30, required=False)
        if value and not all(c.isdigit() and c.isascii() or c in "+ ()-" for c in value):
            raise ValidationError("Enter a phone number using numbers, like 020 7946 0000")
        return value

    def clean_tribute_name(self):
        return clean_text_line(self.cleaned_data.get("tribute_name"), "their name", 100, required=False)

    def clean(self):
        cleaned = super().clean()
        if self.is_spam:
            return cleaned
        needs_address = cleaned.get("gift_aid") == "yes" or cleaned.get("contact_by_post")
        reason = "for Gift Aid" if cleaned.get("gift_aid") == "yes" else "to send you post"
        for name, label, length, required in (
            ("address_line_1", "your house name or number and street", 100, needs_address),
            ("address_line_2", "address line 2", 100, False),
            ("town", "your town or city", 60, needs_address),
        ):
            try:
                cleaned[name] = clean_text_line(self.data.get(self.add_prefix(name)), label, length, required)
            except ValidationError as error:
                if error.code == "required":
                    error = ValidationError(f"Enter {label} {reason}", code="required")
                self.add_error(name, error)
        postcode = self.data.get(self.add_prefix("postcode"), "")
        if needs_address or str(postcode).strip():
            try:
                cleaned["postcode"] = clean_postcode(postcode)
            except ValidationError as error:
                if error.code == "required":
                    error = ValidationError(f"Enter your postcode {reason}", code="required")
                self.add_error("postcode", error)
        if cleaned.get("gift_aid") == "yes" and not cleaned.get("gift_aid_scope"):
            self.add_error(
                "gift_aid_scope", ValidationError("Choose which gifts Gift Aid should cover", code="required")
            )
        if cleaned.get("tribute_type") and not cleaned.get("tribute_name"):
            self.add_error(
                "tribute_name", ValidationError("Enter the name of the person this gift is for", code="required")
            )
        return cleaned


__all__ = ["AmountForm", "DonorDetailsForm", "MONTHLY", "ONE_OFF", "OTHER"]
