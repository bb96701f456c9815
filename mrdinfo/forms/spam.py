"""Spam protection without third-party CAPTCHAs (which would load scripts from another host and
track visitors): a honeypot field people never see, and a signed time stamp that catches forms
sent faster than a person could fill them in. The time stamp is single-use, and spent only when
the submission is stored: a form with mistakes never uses it, so correcting a typo just works.
The view claims it (claim_submission) once the form and every check of its own have passed,
stores the answers, then records the next step (record_outcome). A second post with the same
token (a double-click, Back and send again, a script) gets that same next step, never an error
and never a second record; a post that arrives while the first is still being stored waits for
it (a double-click's two posts are a few milliseconds apart). Remembered in the shared cache until
the token would expire anyway (MAX_AGE).

If the cache cannot be reached the token is accepted (fail open): a parent's message during a
Redis outage matters more than a replay, and the honeypot, the time check and the per-address
rate limit still apply. The outage is logged by core/operations/resilience.py.

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
# Browser autofill fills a whole donation form at once, and a person then presses the button:
# about a second (journeys review: valid autofilled donations were refused at 2 s). Scripts post
# in milliseconds; the honeypot, the single-use token and the rate limits stop the rest.
MIN_SECONDS = 0.8
MAX_AGE = 60 * 60 * 24  # a day-old page: ask the person to send again, keeping what they typed
SALT = "mrdinfo.forms.started"
SINGLE_LINE_MAX_LENGTH = 255
MULTI_LINE_MAX_LENGTH = 5000
LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


def used_token_key(token: str) -> str:
    return "forms:used-token:" + hashlib.sha256(token.encode()).hexdigest()


CLAIMED = "claimed"  # the first post with this token is being stored
CLAIM_SECONDS = 60  # a claim whose request died is given up after this long
WAIT_SECONDS = 5.0  # how long a repeat waits for the first post to be stored
STILL_SAVING_MESSAGE = "We are still saving what you sent a moment ago. Please wait a few seconds and send it again."
CHANGED_MESSAGE = (
    "You sent this form from this page already, and these answers are different. "
    "Check them and send them again to send them as well."
)


def claim_token(token: str) -> str | None:
    """None if this token is new and now claimed (or the cache is down: fail open). Otherwise
    the outcome recorded for the submission that used it, or CLAIMED if that one is still being
    stored after WAIT_SECONDS."""
    key = used_token_key(token)
    if cache.add(key, CLAIMED, timeout=CLAIM_SECONDS) is not False:
        return None
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        outcome = cache.get(key)
        if outcome is None:  # the first post was not stored and gave the token back
            return claim_token(token) if time.monotonic() < deadline else CLAIMED
        if outcome != CLAIMED or time.monotonic() >= deadline:
            return str(outcome)
        time.sleep(0.05)


def record_token_outcome(token: str, outcome: str) -> None:
    """The submission is stored: a repeat of this token gets `outcome` (e.g. the next page's URL)."""
    cache.set(used_token_key(token), outcome, timeout=MAX_AGE + 60)


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
        return cleaned

    def claim_submission(self) -> str | None:
        """Call once the form is valid and the view's own checks pass, just before storing.
        None: store it, then record_outcome(). Otherwise this token was used by a submission
        that was stored: the same answers get the outcome recorded then (a double-click, Back
        and send); CLAIMED means it is still being stored or the answers differ, and the form
        then says so (and carries a fresh token for answers that were changed)."""
        token = self.cleaned_data.get(STARTED_FIELD) or ""
        outcome = claim_token(token)
        if outcome is None or outcome == CLAIMED:
            if outcome == CLAIMED:
                self.add_error(None, STILL_SAVING_MESSAGE)
            return outcome
        digest, _, next_step = outcome.partition(" ")
        if digest != self.answers_digest():
            self.refresh_started_token()
            self.add_error(None, CHANGED_MESSAGE)
            return CLAIMED
        return next_step

    def record_outcome(self, outcome: str) -> None:
        record_token_outcome(self.cleaned_data.get(STARTED_FIELD) or "", f"{self.answers_digest()} {outcome}")

    def answers_digest(self) -> str:
        """What was sent (every posted value but the CSRF token), to tell a repeat from a change."""
        data = cast(QueryDict, self.data)
        items = sorted((key, value) for key, values in data.lists() if key != "csrfmiddlewaretoken" for value in values)
        return hashlib.sha256(repr(items).encode()).hexdigest()[:32]

    def refresh_started_token(self) -> None:
        data = cast(QueryDict, self.data).copy()  # a bound form's data: the request's QueryDict
        data[self.add_prefix(STARTED_FIELD)] = started_token()
        self.data = data

    def release_started_token(self) -> None:
        forget_token(self.cleaned_data.get(STARTED_FIELD) or "")

    def visible_answer_fields(self) -> list[BoundField]:
        return [field for field in self if field.name not in {HONEYPOT_FIELD, STARTED_FIELD}]
