# Giving's newsletter data becomes the newsletter's, rows and all (see 0001):
# 1. the subscriber and consent tables are renamed giving_* -> newsletter_*;
# 2. the newsletter's emails (kinds newsletter_confirm and newsletter_welcome, or any email to a
#    subscriber) are copied from giving.OutgoingEmail into NewsletterEmail, unsent ones included
#    (send_newsletter_emails retries them), and removed from giving's table;
# 3. the content types giving.subscriber and giving.newsletterconsent become newsletter.*, so the
#    permissions on them (view and export subscribers, view consents), and every group and user
#    that holds them, carry on as they were.
# Each step has its reverse, so the migration can be unapplied.

from django.db import migrations
from django.db.models import Q

NEWSLETTER_KINDS = ('newsletter_confirm', 'newsletter_welcome')
MOVED_MODELS = ('subscriber', 'newsletterconsent')
COPIED_FIELDS = ('kind', 'to', 'subject', 'body', 'headers', 'subscriber_id', 'created_at', 'sent_at', 'attempts', 'last_error')


def copy_emails(source, target, emails):
    target.objects.bulk_create(
        [target(**{name: getattr(email, name) for name in COPIED_FIELDS}) for email in emails.order_by('pk')],
        batch_size=500,
    )
    emails.delete()


def emails_to_the_newsletter(apps, schema_editor):
    OutgoingEmail = apps.get_model('giving', 'OutgoingEmail')
    NewsletterEmail = apps.get_model('newsletter', 'NewsletterEmail')
    theirs = OutgoingEmail.objects.filter(Q(subscriber__isnull=False) | Q(kind__in=NEWSLETTER_KINDS))
    copy_emails(OutgoingEmail, NewsletterEmail, theirs)


def emails_back_to_giving(apps, schema_editor):
    OutgoingEmail = apps.get_model('giving', 'OutgoingEmail')
    NewsletterEmail = apps.get_model('newsletter', 'NewsletterEmail')
    copy_emails(NewsletterEmail, OutgoingEmail, NewsletterEmail.objects.all())


def move_content_types(apps, from_label, to_label):
    """The content type of each moved model takes its new app label, keeping its id (and so its
    permissions, log entries and references). If one with the new label was made meanwhile (by
    editorial's setup or a post_migrate on a database that has both), its grants are joined to the
    old one's permissions and it is removed first."""
    ContentType = apps.get_model('contenttypes', 'ContentType')
    Permission = apps.get_model('auth', 'Permission')
    for model in MOVED_MODELS:
        old = ContentType.objects.filter(app_label=from_label, model=model).first()
        if old is None:
            continue
        duplicate = ContentType.objects.filter(app_label=to_label, model=model).first()
        if duplicate is not None:
            for permission in Permission.objects.filter(content_type=duplicate):
                kept = Permission.objects.filter(content_type=old, codename=permission.codename).first()
                if kept is None:
                    permission.content_type = old
                    permission.save(update_fields=['content_type'])
                    continue
                for group in permission.group_set.all():
                    group.permissions.add(kept)
                for user in permission.user_set.all():
                    user.user_permissions.add(kept)
                permission.delete()
            duplicate.delete()
        old.app_label = to_label
        old.save(update_fields=['app_label'])
    ContentType.objects.clear_cache()


def content_types_to_the_newsletter(apps, schema_editor):
    move_content_types(apps, 'giving', 'newsletter')


def content_types_back_to_giving(apps, schema_editor):
    move_content_types(apps, 'newsletter', 'giving')


class Migration(migrations.Migration):

    dependencies = [
        ('newsletter', '0001_initial'),
        ('giving', '0002_newsletter_models_to_the_newsletter_app'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.AlterModelTable(name='subscriber', table=None),
        migrations.AlterModelTable(name='newsletterconsent', table=None),
        migrations.RunPython(emails_to_the_newsletter, emails_back_to_giving),
        migrations.RunPython(content_types_to_the_newsletter, content_types_back_to_giving),
    ]
