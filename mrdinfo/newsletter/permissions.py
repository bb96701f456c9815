"""Subscribers and their consents are read-only in Wagtail, for everyone, superusers included:
they are what people agreed to. Seeing them needs newsletter.view_subscriber (exporting,
newsletter.export_subscriber). Registered from NewsletterConfig.ready()."""

from wagtail.permissions import register_permission_policy

from mrdinfo.core.records.read_only import ReadOnlyPermissionPolicy

from .models import NewsletterConsent, Subscriber

for model in (Subscriber, NewsletterConsent):
    register_permission_policy(model, ReadOnlyPermissionPolicy(model))
