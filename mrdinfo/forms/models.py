"""Form pages editors build in Wagtail (contact us, and later others).

What a visitor sends is stored first, in the same transaction as the request; the email to
staff is queued afterwards as a background task. If the email fails, the visitor still sees
"thank you", the failure is logged, and `send_form_notifications` (cron) tries again."""

import logging
from typing import TYPE_CHECKING, Any

from modelcluster.fields import ParentalKey

from django import forms
from django.db import DatabaseError, models, transaction
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractFormField, EmailFormMixin, FormMixin, FormSubmission
from wagtail.fields import RichTextField

from mrdinfo.core.models import BasePage
from mrdinfo.core.operations.outbox import StoredEmail, send_and_record
from mrdinfo.core.operations.ratelimits import RATE_LIMITED_MESSAGE, RETRY_AFTER_SECONDS, form_rate_limited
from mrdinfo.core.pages.blocks import RICH_TEXT_FEATURES

from .spam import CLAIMED, SpamProtectedFormMixin

logger = logging.getLogger(__name__)
SENT_PARAMETER = "sent"
NOT_SENT_MESSAGE = "We could not send your message. Please try again in a few minutes."


class FormField(AbstractFormField):
    page = ParentalKey("forms.FormPage", on_delete=models.CASCADE, related_name="form_fields")


if TYPE_CHECKING:
    _FormPageBase = Any  # mixed into FormMixin and a Page, which are untyped
else:
    _FormPageBase = object


class StoredFormMixin(_FormPageBase):
    """What every form on the site shares, for a page that also mixes in Wagtail's FormMixin and
    EmailFormMixin (the contact page here; event registration in the events app): spam
    protection, answers stored before anything else, and the staff email queued as a retried
    background task. Answers are Wagtail FormSubmissions, so staff list and export them under
    Forms in the admin."""

    def get_form_class(self) -> type[forms.Form]:
        base = super().get_form_class()
        return type(f"{base.__name__}WithSpamProtection", (SpamProtectedFormMixin, base), {})

    def get_submissions_list_view_class(self) -> type:
        from .views import SafeSubmissionsListView  # Wagtail's admin views load after the models

        return SafeSubmissionsListView

    def process_form_submission(self, form: forms.Form) -> FormSubmission:
        # The answers and the record of the email to send are kept together or not at all, so a
        # stored answer always gets its email (or a retry), and a failure leaves nothing half-saved.
        with transaction.atomic():
            submission = FormSubmission.objects.create(form_data=self.answers(form), page=self)
            if self.to_address:
                notification = FormNotification.objects.create(submission=submission)
                transaction.on_commit(lambda: queue_notification(notification.pk))
        return submission

    def answers(self, form: forms.Form) -> dict[str, Any]:
        return {name: value for name, value in form.cleaned_data.items() if name in self.answer_names()}

    def answer_names(self) -> set[str]:
        return {field.clean_name for field in self.get_form_fields()}

    def serve_form(
        self,
        request: HttpRequest,
        form_url: str,
        template: str | None = None,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponseBase:
        """GET shows the form; POST stores valid answers and redirects to `form_url?sent=1`
        (post/redirect/get: reloading the thank-you page does not send the form again).
        A flood gets 429, and answers that cannot be saved get 503 with everything kept."""
        status = 200
        if request.method == "POST":
            form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
            if form_rate_limited(request, f"page-{self.pk}"):
                # Checked before the form, so a flood costs no spam-token or database work.
                form.add_error(None, RATE_LIMITED_MESSAGE)
                form.refresh_started_token()
                status = 429
            elif form.is_valid():
                sent_url = f"{form_url}?{SENT_PARAMETER}=1"
                if form.is_spam:
                    logger.info("Form page %s: discarded a submission that filled the honeypot", self.pk)
                    return redirect(sent_url)
                earlier = form.claim_submission()
                if earlier is not None and earlier != CLAIMED:
                    return redirect(earlier)  # the same answers again (a double-click): stored once
                if earlier is None:
                    try:
                        self.process_form_submission(form)
                    except DatabaseError:
                        # Nothing was saved (one transaction): say so, and keep what they typed.
                        logger.exception("Form page %s: could not save a submission", self.pk)
                        form.release_started_token()
                        form.add_error(None, NOT_SENT_MESSAGE)
                        status = 503
                    else:
                        form.record_outcome(sent_url)
                        return redirect(sent_url)
        elif SENT_PARAMETER in request.GET:
            return self.render_landing_page(request)
        else:
            form = self.get_form(page=self, user=request.user)
        context = self.get_context(request)
        context.update(extra_context or {})
        context["form"] = form
        response = TemplateResponse(request, template or self.get_template(request), context, status=status)
        if status == 429:
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        elif status == 503:
            response["Retry-After"] = "60"
        return response

    def notification_text(self, submission: FormSubmission) -> str:
        data = submission.get_data()
        lines = [f"{label}: {data.get(name, '')}" for name, label in self.get_data_fields() if name != "submit_time"]
        lines.append(f"Sent: {timezone.localtime(submission.submit_time):%d %B %Y at %H:%M}")
        return "\n".join(lines)


class FormPage(StoredFormMixin, EmailFormMixin, FormMixin, BasePage):
    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    thank_you_text = RichTextField(
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text="Shown after the form is sent. Say what happens next and how soon.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Questions"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading="Email each answer to staff (optional: answers are always kept under Forms)",
        ),
    ]

    parent_page_types = ["home.HomePage", "general.GeneralPage"]
    subpage_types: list[str] = []
    forms_list_kind = "Answers to a form"  # the admin's Forms list (admin_list.py)

    class Meta:
        verbose_name = "form page"

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return self.serve_form(request, self.url)


class FormNotification(StoredEmail):
    """One email to staff about one submission: sent, or how many times it failed and why."""

    submission = models.OneToOneField(FormSubmission, on_delete=models.CASCADE, related_name="notification")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Notification for submission {self.submission_id}"

    def deliver(self) -> bool:
        from django.core.mail import EmailMessage

        def message() -> EmailMessage:
            page = self.submission.page.specific
            return EmailMessage(
                subject=page.subject or f"New answers to “{page.title}”",
                body=page.notification_text(self.submission),
                from_email=page.from_address or None,
                to=[address.strip() for address in page.to_address.split(",") if address.strip()],
            )

        return send_and_record(self, message, f"Form notification {self.pk}")


def queue_notification(notification_id: int) -> None:
    from .tasks import send_form_notification

    try:
        send_form_notification.enqueue(notification_id)
    except Exception:
        # The queue itself is down: the notification row is still there for the retry command.
        logger.exception("Could not queue form notification %s", notification_id)
