# Subscriber and NewsletterConsent now belong to the newsletter app (newsletter 0001 took them
# into its state on these same tables). Here they leave giving's state only: no table is dropped.
# OutgoingEmail.subscriber points at the newsletter's Subscriber until newsletter 0002 has moved
# the newsletter's emails to its own NewsletterEmail; giving 0003 then removes the column.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('giving', '0001_initial'),
        ('newsletter', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='outgoingemail',
                    name='subscriber',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='newsletter.subscriber'),
                ),
                migrations.DeleteModel(name='NewsletterConsent'),
                migrations.DeleteModel(name='Subscriber'),
            ],
            database_operations=[],
        ),
    ]
