"""The donation journey (a DonatePage's sub-routes) and the payment webhook.

Donation steps: 1. amount and frequency (the page itself, a GET form, so links can pre-fill it);
2. details, Gift Aid and contact choices (details/: the donation is stored here, pending);
3. the provider's payment page (Stripe Checkout, or this site's labelled test-mode page);
4. thank-you/<reference>/, which shows but never changes the donation's status."""

import logging
import uuid

from django.db import DatabaseError, transaction
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from mrdinfo.core.models import SiteSettings

from . import giftaid
from .exports import house_name_or_number
from .forms import CONTACT_WORDING_VERSION, AmountForm, DonorDetailsForm
from .models import Donation, GiftAidDeclaration
from .payments import complete_test_payment, handle_event
from .providers import BadWebhook, CheckoutError, StripeProvider, TestModeProvider, cancel_url, get_provider
from .ratelimits import limited
from .validation import format_pounds

logger = logging.getLogger(__name__)


def page_context(page, request, **extra):
    context = page.get_context(request)
    context.update({"test_mode": get_provider().is_test_mode, "privacy_url": privacy_url(request), **extra})
    donation = extra.get("donation")
    if donation is not None:
        context["amount_display"] = format_pounds(donation.amount)
    return context


def error_links(*forms):
    """The error summary's entries: each links to its question, in the order they appear."""
    links = []
    for form in forms:
        links += [{"text": error, "href": ""} for error in form.non_field_errors()]
        for field in form:
            if field.name in {"website", "form_started"}:
                continue
            target = field.auto_id
            if field.name == "amount":
                target = "amount-1" if getattr(form, "suggested", None) else "amount-other"
            elif field.name in {"gift_aid", "gift_aid_scope"}:
                target = f"{field.auto_id}_{field.field.choices[0][0]}"
            elif field.name == "tribute_type":
                target = f"{field.auto_id}_1"
            links += [{"text": error, "href": f"#{target}"} for error in field.errors]
    return links


def render_amount_step(page, request, form, status=200):
    context = page_context(page, request, amount_form=form, step="amount", error_links=error_links(form))
    context["frequency"] = form.current_frequency()
    context["suggested"] = form.suggested
    context["cancelled"] = "cancelled" in request.GET
    return TemplateResponse(request, "giving/donate_page.html", context, status=status)


def amount_step(page, request):
    form = AmountForm(page=page, initial=AmountForm.initial_from_query(page, request.GET))
    return render_amount_step(page, request, form)


def details_step(page, request):
    source = request.POST if request.method == "POST" else request.GET
    amount_form = AmountForm(source, page=page)
    if not amount_form.is_valid():
        return render_amount_step(page, request, amount_form)
    amount, frequency = amount_form.cleaned_data["amount_value"], amount_form.cleaned_data["frequency"]
    if request.method == "POST":
        form = DonorDetailsForm(request.POST)
        if form.is_valid():
            if form.is_spam:
                logger.info("Donate page %s: discarded a donation that filled the honeypot", page.pk)
                return redirect(page.url + page.reverse_subpage("thank_you", args=[str(uuid.uuid4())]))
            earlier = form.claim_submission()
            if earlier and earlier.startswith(DONATION_OUTCOME):
                # These details were sent already (a double-click, or Back and send): the same gift.
                return continue_donation(page, request, earlier.removeprefix(DONATION_OUTCOME))
            if earlier is None:
                if limited(request, "donation", form.cleaned_data["email"]):
                    form.release_started_token()
                    return TemplateResponse(request, "core/too_many.html", page_context(page, request), status=429)
                try:
                    donation = store_donation(page, request, form.cleaned_data, amount, frequency)
                except DatabaseError:
                    form.release_started_token()
                    raise
                form.record_outcome(DONATION_OUTCOME + str(donation.reference))
                request.session[SESSION_KEY] = str(donation.reference)
                return start_payment(page, request, donation)
    else:
        form = DonorDetailsForm(initial=cancelled_donation_choices(request))
    return render_details_step(page, request, form, amount, frequency)


SESSION_KEY = "giving_donation"  # the gift this browser stored last: "Cancel and go back" refills it


def cancelled_donation_choices(request):
    """After "Cancel and go back" from payment: what the donor chose, from their own session only
    (never from the URL, which can be shared)."""
    reference = request.session.get(SESSION_KEY) if "cancelled" in request.GET else None
    donation = Donation.objects.filter(reference=reference, status=Donation.PENDING).first() if reference else None
    if donation is None:
        return {}
    names = ["title", "first_name", "last_name", "email", "phone", "address_line_1", "address_line_2", "town"]
    names += ["postcode", "tribute_type", "tribute_name", "contact_by_email", "contact_by_post", "contact_by_phone"]
    names += ["updates_about_this_gift"]
    choices = {name: getattr(donation, name) for name in names}
    choices["gift_aid"] = "yes" if donation.gift_aid else "no"
    declaration = GiftAidDeclaration.objects.filter(donation=donation).first()
    if declaration is not None:
        choices["gift_aid_scope"] = declaration.scope
    return choices


def render_details_step(page, request, form, amount, frequency):
    charity = SiteSettings.for_request(request).charity_name or "the charity"
    context = page_context(
        page,
        request,
        form=form,
        step="details",
        error_links=error_links(form) if form.is_bound else [],
        amount=amount,
        amount_display=format_pounds(amount),
        amount_text=format_pounds(amount).removeprefix("£").replace(",", ""),
        frequency=frequency,
        charity=charity,
        taxpayer_statement=giftaid.taxpayer_statement(),
        scope_sentences=giftaid.scope_sentences(amount, frequency, charity),
        gift_aid_extra=format_pounds(amount / 4),
        cancelled="cancelled" in request.GET and not form.is_bound,
    )
    return TemplateResponse(request, "giving/donate_details.html", context)


def store_donation(page, request, data, amount, frequency):
    """The donation (pending) and any Gift Aid declaration, saved before the donor leaves."""
    charity = SiteSettings.for_request(request).charity_name or "the charity"
    provider = get_provider()
    with transaction.atomic():
        donation = Donation.objects.create(
            page=page,
            amount=amount,
            frequency=frequency,
            gift_aid=data["gift_aid"] == "yes",
            provider=provider.name,
            title=data["title"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            phone=data["phone"],
            address_line_1=data.get("address_line_1", ""),
            address_line_2=data.get("address_line_2", ""),
            town=data.get("town", ""),
            postcode=data.get("postcode", ""),
            tribute_type=data.get("tribute_type") or "",
            tribute_name=data.get("tribute_name") if data.get("tribute_type") else "",
            contact_by_email=data["contact_by_email"],
            contact_by_post=data["contact_by_post"],
            contact_by_phone=data["contact_by_phone"],
            updates_about_this_gift=data["updates_about_this_gift"],
            contact_wording_version=CONTACT_WORDING_VERSION,
        )
        if donation.gift_aid:
            scope = data["gift_aid_scope"]
            address = "\n".join(
                line
                for line in (donation.address_line_1, donation.address_line_2, donation.town, donation.postcode)
                if line
            )
            GiftAidDeclaration.objects.create(
                donation=donation,
                charity_name=charity,
                scope=scope,
                wording_version=giftaid.CURRENT_VERSION,
                wording=giftaid.declaration_text(scope, amount, frequency, charity),
                title=donation.title,
                first_name=donation.first_name,
                last_name=donation.last_name,
                house_name_or_number=house_name_or_number(donation.address_line_1),
                address=address,
                postcode=donation.postcode,
            )
    return donation


DONATION_OUTCOME = "donation:"


def continue_donation(page, request, reference):
    """The next step for a gift whose details were already stored: payment, or its thank-you."""
    donation = Donation.objects.filter(reference=reference).first()
    if donation is None:
        return redirect(page.url)
    if donation.status != Donation.PENDING:
        return redirect(page.url + page.reverse_subpage("thank_you", args=[str(donation.reference)]))
    return start_payment(page, request, donation)


def start_payment(page, request, donation):
    try:
        url = get_provider().start_checkout(donation, page, request)
    except CheckoutError:
        logger.exception("Could not start payment for donation %s", donation.reference)
        context = page_context(page, request, donation=donation)
        return TemplateResponse(request, "giving/payment_unavailable.html", context, status=503)
    return redirect(url)


def find_donation(reference, **filters):
    donation = Donation.objects.filter(reference=reference, **filters).first()
    if donation is None:
        raise Http404("No such donation")
    return donation


def retry_payment(page, request, reference):
    if request.method != "POST":
        return redirect(page.url)
    donation = find_donation(reference, status=Donation.PENDING)
    return start_payment(page, request, donation)


def test_payment(page, request, reference):
    """The test-mode provider's page. It exists only while no real provider is configured."""
    if not isinstance(get_provider(), TestModeProvider):
        raise Http404("Test mode is off")
    donation = find_donation(reference)
    thanks = page.url + page.reverse_subpage("thank_you", args=[str(donation.reference)])
    if request.method == "POST" and donation.status == Donation.PENDING:
        if request.POST.get("outcome") == "pay":
            complete_test_payment(donation)
            return redirect(thanks)
        return redirect(cancel_url(page, donation))
    if request.method == "POST":
        # Pressed again once the gift was paid (a double-click, or Back and press): the same
        # thank-you page the first press showed, not this page again.
        return redirect(thanks)
    return TemplateResponse(request, "giving/test_payment.html", page_context(page, request, donation=donation))


def thank_you(page, request, reference):
    donation = Donation.objects.filter(reference=reference).first()
    share_url = request.build_absolute_uri(page.url)
    context = page_context(
        page,
        request,
        donation=donation,
        share_url=share_url,
        share_message=f"{page.share_text} {share_url}".strip(),
        newsletter_sign_up=page.thank_you_sign_up(),
    )
    return TemplateResponse(request, "giving/thank_you.html", context)


# ----------------------------------------------------------------------------- webhook


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's events. The only way a Stripe donation becomes paid, refunded or failed."""
    provider = get_provider()
    if not isinstance(provider, StripeProvider):
        raise Http404("Stripe is not configured")
    try:
        event = provider.read_webhook(request.body, request.headers.get("Stripe-Signature"))
    except BadWebhook as error:
        logger.warning("Refused a Stripe webhook: %s", error)
        return HttpResponseBadRequest("Bad signature")
    try:
        outcome = handle_event(provider.name, event)
    except Exception:
        # Stripe retries anything but a 2xx for three days: nothing is lost by failing loudly.
        logger.exception("Stripe event %s could not be handled", event.get("id"))
        return HttpResponse("Error", status=500)
    return HttpResponse(outcome, content_type="text/plain")


def privacy_url(request):
    settings = SiteSettings.for_request(request)
    page = settings.privacy_page if settings.privacy_page_id else None
    return page.get_url(request) if page is not None and page.live else ""
