"""The newsletter's own addresses: sign-up, "check your email", the confirmation link and
one-click unsubscribe (urls.py)."""

import logging

from django.core import signing
from django.db import DatabaseError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from wagtail.models import Page

from mrdinfo.forms.spam import CLAIMED

from . import subscriptions
from .blocks import newsletter_form_context
from .forms import NewsletterForm
from .ratelimits import limited

logger = logging.getLogger(__name__)


def base_url(request):
    return f"{request.scheme}://{request.get_host()}"


def chrome_context(request, **extra):
    return {"page": None, **extra}


@require_http_methods(["GET", "POST"])
def newsletter_signup(request):
    if request.method == "GET":
        context = chrome_context(request, **newsletter_form_context(None, request))
        return TemplateResponse(request, "newsletter/signup.html", context)
    form = NewsletterForm(request.POST)
    page = None
    if form.is_valid():
        if form.is_spam:
            logger.info("Newsletter: discarded a sign-up that filled the honeypot")
            return redirect(reverse("newsletter:check_email"))
        email = form.cleaned_data["email"]
        check_email = reverse("newsletter:check_email")
        earlier = form.claim_submission()
        if earlier is None:
            if limited(request, email):
                form.release_started_token()
                return TemplateResponse(request, "core/too_many.html", chrome_context(request), status=429)
            if form.cleaned_data.get("page"):
                page = Page.objects.filter(pk=form.cleaned_data["page"]).first()
            try:
                subscriptions.sign_up(
                    email,
                    form.cleaned_data["first_name"],
                    page,
                    page.url if page else request.path,
                    base_url(request),
                )
            except DatabaseError:
                form.release_started_token()
                raise
            form.record_outcome(check_email)
            return redirect(check_email)
        if earlier != CLAIMED:
            return redirect(earlier)  # sent already (a double-click): signed up once
    if form.cleaned_data.get("page"):
        page = Page.objects.filter(pk=form.cleaned_data["page"]).first()
    form_context = newsletter_form_context(page, request, form=form)
    context = chrome_context(request, error_links=form.error_links(form_context["newsletter_prefix"]), **form_context)
    return TemplateResponse(request, "newsletter/signup.html", context, status=200)


def newsletter_check_email(request):
    return TemplateResponse(request, "newsletter/check_email.html", chrome_context(request))


@require_http_methods(["GET", "POST"])
def newsletter_confirm(request, token):
    try:
        subscriber_id, consent_id = subscriptions.read_confirmation_token(token)
    except signing.SignatureExpired:
        return TemplateResponse(
            request, "newsletter/link_problem.html", chrome_context(request, expired=True), status=400
        )
    except (signing.BadSignature, ValueError):
        return TemplateResponse(request, "newsletter/link_problem.html", chrome_context(request), status=400)
    if request.method == "GET":
        # A button, not an instant confirmation: mail scanners that open links do not press buttons.
        return TemplateResponse(request, "newsletter/confirm.html", chrome_context(request, token=token))
    subscriber = subscriptions.confirm(subscriber_id, consent_id, base_url(request))
    if subscriber is None:
        return TemplateResponse(request, "newsletter/link_problem.html", chrome_context(request), status=400)
    return TemplateResponse(request, "newsletter/confirmed.html", chrome_context(request))


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" with no cookie or token
@require_http_methods(["GET", "POST"])
def newsletter_unsubscribe(request, token):
    try:
        subscriber_id = subscriptions.read_unsubscribe_token(token)
    except (signing.BadSignature, ValueError):
        return TemplateResponse(request, "newsletter/link_problem.html", chrome_context(request), status=400)
    if request.method == "GET":
        return TemplateResponse(request, "newsletter/unsubscribe.html", chrome_context(request, token=token))
    subscriptions.unsubscribe(subscriber_id)
    return TemplateResponse(request, "newsletter/unsubscribed.html", chrome_context(request))
