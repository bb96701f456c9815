"""The newsletter's move out of giving keeps a deployment's data (issue 23): from the database as
it was before (giving 0001, no newsletter app), a subscriber with a consent, a newsletter email
and a donor's receipt, then `migrate`: the sign-up, consent and email are the newsletter's, the
receipt stays in giving, and the groups that could see and export subscribers still can.

Run on PostgreSQL in CI (as production) and on SQLite wherever the suite runs there. The
database is migrated back to the latest state afterwards, as every other test expects it."""

from decimal import Decimal

import pytest

from django.apps import apps as current_apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mrdinfo.giving.models import OutgoingEmail
from mrdinfo.newsletter.models import NewsletterConsent, NewsletterEmail, Subscriber

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("giving", "0001_initial"), ("newsletter", None)]


def migrate(targets=None):
    """Migrate to `targets` (every app's latest when None) and return the apps of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()
    loader = MigrationExecutor(connection).loader  # what the database has now
    applied = [node for node in loader.applied_migrations if node in loader.graph.nodes]  # not squashed ones
    return loader.project_state(applied, at_end=True).apps


def grant(old_apps, group_name, content_type, codenames):
    Permission = old_apps.get_model("auth", "Permission")
    group = old_apps.get_model("auth", "Group").objects.create(name=group_name)
    for codename in codenames:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename}
        )
        group.permissions.add(permission)
    return group


@pytest.fixture
def before_the_move():
    old_apps = migrate(BEFORE)
    yield old_apps
    migrate()  # back to the latest state, whatever happened


def test_subscribers_consents_emails_and_permissions_survive_the_move(before_the_move, django_user_model):
    old = before_the_move
    assert "subscriber" in {model._meta.model_name for model in old.get_app_config("giving").get_models()}
    subscriber = old.get_model("giving", "Subscriber").objects.create(
        email="kept@example.org", first_name="Ama", status="confirmed"
    )
    consent = old.get_model("giving", "NewsletterConsent").objects.create(
        subscriber=subscriber, wording_version="2026-11", wording="Yes, please email me", page_url="/donate/"
    )
    OldEmail = old.get_model("giving", "OutgoingEmail")
    confirmation = OldEmail.objects.create(
        kind="newsletter_confirm", to="kept@example.org", subscriber=subscriber, subject="Please confirm",
        body="Open this link", headers={"List-Unsubscribe": "<https://example.org/u/>"}, attempts=2,
        last_error="SMTPServerDisconnected: gone",
    )  # fmt: skip
    donation = old.get_model("giving", "Donation").objects.create(
        amount=Decimal("25"), frequency="one_off", provider="test", first_name="Sam", last_name="Giver",
        email="sam@example.org",
    )  # fmt: skip
    receipt = OldEmail.objects.create(kind="receipt", to="sam@example.org", donation=donation, subject="Thank you")
    OldContentType = old.get_model("contenttypes", "ContentType")
    subscriber_type = OldContentType.objects.get_or_create(app_label="giving", model="subscriber")[0]
    consent_type = OldContentType.objects.get_or_create(app_label="giving", model="newsletterconsent")[0]
    grant(old, "Old fundraisers", subscriber_type, ["view_subscriber", "export_subscriber"])
    grant(old, "Old fundraisers (consents)", consent_type, ["view_newsletterconsent"])
    # A content type under the new name made meanwhile (as post_migrate would), with a grant of its own.
    early = OldContentType.objects.get_or_create(app_label="newsletter", model="subscriber")[0]
    grant(old, "Early readers", early, ["view_subscriber"])

    migrate()

    kept = Subscriber.objects.get(email="kept@example.org")
    assert (kept.pk, kept.first_name, kept.status) == (subscriber.pk, "Ama", Subscriber.CONFIRMED)
    moved_consent = NewsletterConsent.objects.get()
    assert (moved_consent.pk, moved_consent.subscriber, moved_consent.page_url) == (consent.pk, kept, "/donate/")
    email = NewsletterEmail.objects.get()
    assert (email.kind, email.to, email.subscriber, email.subject) == (
        NewsletterEmail.CONFIRM,
        "kept@example.org",
        kept,
        confirmation.subject,
    )
    assert email.headers == confirmation.headers and email.created_at == confirmation.created_at
    assert (email.attempts, email.sent_at, email.last_error) == (2, None, "SMTPServerDisconnected: gone")
    assert list(OutgoingEmail.objects.values_list("pk", "kind")) == [(receipt.pk, "receipt")]
    assert OutgoingEmail.objects.get().donation_id == donation.pk
    assert {f.name for f in OutgoingEmail._meta.get_fields()} >= {"donation"} and not hasattr(
        OutgoingEmail, "subscriber"
    )
    assert Subscriber._meta.db_table == "newsletter_subscriber" and kept.consents.get() == moved_consent

    # The content types are the old rows under the new name: their permissions came with them.
    assert ContentType.objects.get_for_model(Subscriber).pk == subscriber_type.pk
    assert ContentType.objects.get_for_model(NewsletterConsent).pk == consent_type.pk
    assert not ContentType.objects.filter(app_label="giving", model__in=["subscriber", "newsletterconsent"])
    for group_name, codenames in (
        ("Old fundraisers", ["newsletter.view_subscriber", "newsletter.export_subscriber"]),
        ("Old fundraisers (consents)", ["newsletter.view_newsletterconsent"]),
        ("Early readers", ["newsletter.view_subscriber"]),
    ):
        user = django_user_model.objects.create_user(username=group_name.replace(" ", "-").lower()[:30])
        user.groups.add(Group.objects.get(name=group_name))
        user = django_user_model.objects.get(pk=user.pk)  # no cached permissions
        assert all(user.has_perm(codename) for codename in codenames), group_name
    assert current_apps.get_model("newsletter", "Subscriber") is Subscriber
