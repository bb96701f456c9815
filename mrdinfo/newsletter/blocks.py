"""The "Every Step" newsletter sign-up, as a block editors can place on a page.

Giving's pages (Donate, giving information pages) offer it in their body, and the donate
thank-you page renders it. Another app's page type offers it by adding one line to its
StreamBlock (and making a migration for that app), listed as an allowed import in
pyproject.toml's contracts:

    from mrdinfo.newsletter.blocks import NewsletterSignupBlock
    newsletter = NewsletterSignupBlock()

The form posts to /newsletter/sign-up/ (views.newsletter_signup), which works the same for
every page that carries the block."""

from wagtail import blocks

from mrdinfo.core.models import SiteSettings
from mrdinfo.forms.spam import HONEYPOT_FIELD, STARTED_FIELD, started_token

from .subscriptions import CONSENT_WORDING


class NewsletterSignupBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=100, default="Get “Every Step”, our newsletter")
    text = blocks.TextBlock(
        required=False,
        max_length=300,
        default="Stories from families, news about research, and ways to help, once a month by email.",
    )

    class Meta:
        icon = "mail"
        template = "newsletter/blocks/signup.html"
        label = "Newsletter sign-up"
        description = "A sign-up form for the “Every Step” email newsletter, with a clear, unticked consent box."
        preview_value = {"heading": "Get “Every Step”, our newsletter", "text": "Once a month, by email."}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        parent_context = parent_context or {}
        request = parent_context.get("request")
        # The stylesheet is linked once per page, by the first sign-up block (as the explainer does).
        context["include_assets"] = request is not None and not getattr(request, "_newsletter_assets_linked", False)
        if request is not None:
            request._newsletter_assets_linked = True
        context.update(
            newsletter_form_context(
                parent_context.get("page"), parent_context.get("request"), block_id=parent_context.get("block_id")
            )
        )
        return context


def privacy_url(request):
    settings = SiteSettings.for_request(request)
    page = settings.privacy_page if settings.privacy_page_id else None
    return page.get_url(request) if page is not None and page.live else ""


def newsletter_form_context(page, request, block_id=None, form=None):
    """What the sign-up form template needs, whether from a block or the sign-up view."""
    prefix = f"newsletter-{str(block_id)[:8]}" if block_id else "newsletter"
    return {
        "newsletter_prefix": prefix,
        "newsletter_page_id": getattr(page, "pk", "") or "",
        "newsletter_consent": CONSENT_WORDING,
        "newsletter_started": started_token(),
        "newsletter_honeypot": HONEYPOT_FIELD,
        "newsletter_started_field": STARTED_FIELD,
        "newsletter_form": form,
        "privacy_url": privacy_url(request) if request is not None else "",
    }
