"""Donations and Gift Aid declarations are read-only in Wagtail, for everyone, superusers
included: they are what donors told us and what HMRC may inspect.

Seeing them needs the model's "view" permission (giving.view_donation,
giving.view_giftaiddeclaration), given to the groups that need it.
Registered from GivingConfig.ready(), before Wagtail builds a fallback policy."""

from wagtail.permissions import register_permission_policy

from mrdinfo.core.records.read_only import ReadOnlyPermissionPolicy

from .models import Donation, DonationPayment, GiftAidDeclaration

for model in (Donation, DonationPayment, GiftAidDeclaration):
    register_permission_policy(model, ReadOnlyPermissionPolicy(model))
