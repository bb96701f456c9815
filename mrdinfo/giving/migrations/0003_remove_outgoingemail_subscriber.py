# The newsletter's emails are in newsletter.NewsletterEmail now (newsletter 0002 copied them):
# giving's emails are about gifts only.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('giving', '0002_newsletter_models_to_the_newsletter_app'),
        ('newsletter', '0002_take_over_tables_emails_and_permissions'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='outgoingemail',
            name='subscriber',
        ),
    ]
