from django import forms

from mrdinfo.forms.spam import SpamProtectedFormMixin

from .models import COMMENT_MAX_LENGTH

NO_CHOICE_MESSAGE = "Please choose yes or no to tell us whether this page was helpful."


class PageFeedbackForm(SpamProtectedFormMixin, forms.Form):
    """The same spam protection as the contact forms: a honeypot and a signed time stamp."""

    page_id = forms.IntegerField(widget=forms.HiddenInput)
    helpful = forms.TypedChoiceField(
        label="Was this page helpful?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": NO_CHOICE_MESSAGE, "invalid_choice": NO_CHOICE_MESSAGE},
    )
    comment = forms.CharField(
        label="How could we make this page better?",
        help_text="Please do not include your name, your child's name or other personal details.",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
