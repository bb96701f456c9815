"""`check --deploy` warns when the live site would thank donors for gifts the test-mode provider
never took, and is quiet with real Stripe keys or on a staging copy that says so."""

import pytest

from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings


def deploy_check():
    call_command("check", "--deploy", "--fail-level", "WARNING", "--tag", "security")


@override_settings(STRIPE_SECRET_KEY="", STRIPE_WEBHOOK_SECRET="", GIVING_TEST_MODE_ALLOWED=False)
def test_no_stripe_keys_on_a_live_site_is_flagged():
    with pytest.raises(SystemCheckError, match="mrdinfo.W020"):
        deploy_check()


@override_settings(STRIPE_SECRET_KEY="sk_live_x", STRIPE_WEBHOOK_SECRET="", GIVING_TEST_MODE_ALLOWED=False)
def test_half_the_stripe_keys_is_still_test_mode_and_flagged():
    with pytest.raises(SystemCheckError, match="mrdinfo.W020"):
        deploy_check()


@pytest.mark.parametrize(
    "keys",
    [
        {"STRIPE_SECRET_KEY": "sk_live_x", "STRIPE_WEBHOOK_SECRET": "whsec_x", "GIVING_TEST_MODE_ALLOWED": False},
        {"STRIPE_SECRET_KEY": "", "STRIPE_WEBHOOK_SECRET": "", "GIVING_TEST_MODE_ALLOWED": True},
    ],
)
def test_real_keys_or_a_declared_staging_copy_pass(keys, capsys):
    with override_settings(**keys):
        try:
            deploy_check()
        except SystemCheckError as error:
            assert "mrdinfo.W020" not in str(error)
