"""`manage.py check --deploy`: a live site must not take pretend gifts.

Without both Stripe keys the giving pages use the test-mode provider, which takes no money but
thanks the donor. That is right on a laptop, in CI and on a staging copy (which says so with
GIVING_TEST_MODE_ALLOWED=1); on the charity's real site it would thank people for gifts that were
never taken."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def check_payments_are_real(app_configs=None, **kwargs):
    if getattr(settings, "STRIPE_SECRET_KEY", "") and getattr(settings, "STRIPE_WEBHOOK_SECRET", ""):
        return []
    if getattr(settings, "GIVING_TEST_MODE_ALLOWED", False):
        return []
    return [
        checks.Warning(
            "Donations would go to the test-mode provider: no money is taken, but donors are thanked.",
            hint="Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (README.md, 'Donations and Stripe'), "
            "or GIVING_TEST_MODE_ALLOWED=1 on a staging copy.",
            id="mrdinfo.W020",
        )
    ]
