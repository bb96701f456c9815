"""Donations, Gift Aid declarations and newsletter records are read-only in Wagtail, for
everyone, superusers included: they are what donors told us and what HMRC may inspect.

Seeing them needs the model's "view" permission (giving.view_donation,
giving.view_giftaiddeclaration, giving.view_subscriber), given to the groups that need it.
Registered from GivingConfig.ready(), before Wagtail builds a fallback policy."""

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Donation, DonationPayment, GiftAidDeclaration, NewsletterConsent, Subscriber

WRITE_ACTIONS = {"add", "change", "delete", "copy"}


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action not in WRITE_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [a for a in actions if a not in WRITE_ACTIONS])

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions)


for model in (Donation, DonationPayment, GiftAidDeclaration, Subscriber, NewsletterConsent):
    register_permission_policy(model, ReadOnlyPermissionPolicy(model))
