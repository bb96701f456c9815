"""Staff password reset (Wagtail's admin form), limited and sent from the task queue.

Wagtail's view sends the reset mail inside the request, so a slow or hung mail server holds a
worker (and tells the person nothing useful), and nothing limits how often it can be asked: one
visitor could fill a colleague's inbox or use the form to probe addresses at the site's expense.
Here a request is limited per visitor address and per email address asked for (counted in the
shared cache, so every app server counts together), and the mail is queued: the task holds only
the account's id, never the reset link, and makes a fresh link when it sends, trying again
later if the mail server fails."""

import logging
from datetime import timedelta
from typing import Any

from django_ratelimit.core import is_ratelimited
from django_tasks import task

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.admin.views.account import PasswordResetView

logger = logging.getLogger(__name__)

LIMITED_MESSAGE = (
    "Too many password reset requests have been made from here or for this email address. "
    "Please wait an hour and ask again, or ask a colleague who manages staff accounts."
)
SEND_ATTEMPTS = 3  # the mail server's failures retried, then logged for a person to look at
RETRY_AFTER = timedelta(minutes=2)


class QueuedPasswordResetForm(PasswordResetForm):
    """Wagtail's form, but each reset email is queued for the task worker instead of sent."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        send_password_reset_email.enqueue(
            user_id=context["user"].pk,
            site={key: context[key] for key in ("domain", "site_name", "protocol")},
            templates=[subject_template_name, email_template_name, html_email_template_name],
            attempt=1,
        )


@task()
def send_password_reset_email(user_id: int, site: dict[str, str], templates: list[str | None], attempt: int) -> None:
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return
    subject_template, body_template, html_template = templates
    context = {
        **site,
        "email": user.email,
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": default_token_generator.make_token(user),
    }
    subject = "".join(loader.render_to_string(subject_template or "", context).splitlines())
    message = EmailMultiAlternatives(subject, loader.render_to_string(body_template or "", context), None, [user.email])
    if html_template:
        message.attach_alternative(loader.render_to_string(html_template, context), "text/html")
    try:
        message.send()
    except Exception as error:  # noqa: BLE001  any failure of the mail server means "try again later"
        if attempt >= SEND_ATTEMPTS:
            logger.error("Password reset email for user %s not sent after %s attempts: %s", user_id, attempt, error)
            return
        logger.warning("Password reset email for user %s failed (attempt %s), retrying: %s", user_id, attempt, error)
        send_password_reset_email.using(run_after=timezone.now() + RETRY_AFTER * attempt).enqueue(
            user_id=user_id, site=site, templates=templates, attempt=attempt + 1
        )


class LimitedPasswordResetView(PasswordResetView):
    """Wagtail's password reset page; past the limits it says so and sends nothing."""

    def form_valid(self, form: Any) -> HttpResponse:
        request: HttpRequest = self.request
        email = form.cleaned_data["email"].strip().lower()
        rate = settings.PASSWORD_RESET_RATE_LIMIT
        # Both are counted on every request, so neither limit tells whether an account exists.
        by_address = is_ratelimited(request, group="password-reset:ip", key="ip", rate=rate, increment=True)
        by_email = is_ratelimited(
            request, group="password-reset:email", key=lambda _group, _request: email, rate=rate, increment=True
        )
        if by_address or by_email:
            form.add_error(None, LIMITED_MESSAGE)
            response = self.form_invalid(form)
            response.status_code = 429
            response["Retry-After"] = "3600"
            return response
        return super().form_valid(form)
