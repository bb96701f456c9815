# The newsletter came out of giving (issue 23). Subscriber and NewsletterConsent keep their rows:
# here they join this app's state on giving's existing tables (no database change), giving 0002
# takes them out of giving's state, and 0002 here renames the tables and moves their content
# types (with the permissions groups hold). NewsletterEmail is new: 0002 fills it with the
# newsletter's emails from giving's OutgoingEmail.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('giving', '0001_initial'),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Subscriber',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(max_length=254, unique=True)),
                        ('first_name', models.CharField(blank=True, max_length=60)),
                        ('status', models.CharField(choices=[('pending', 'Waiting for confirmation'), ('confirmed', 'Subscribed'), ('unsubscribed', 'Unsubscribed')], db_index=True, default='pending', max_length=12)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('confirmed_at', models.DateTimeField(blank=True, null=True)),
                        ('unsubscribed_at', models.DateTimeField(blank=True, null=True)),
                    ],
                    options={
                        'db_table': 'giving_subscriber',
                        'ordering': ['-created_at'],
                        'permissions': [('export_subscriber', 'Can export newsletter subscribers')],
                    },
                ),
                migrations.CreateModel(
                    name='NewsletterConsent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('wording_version', models.CharField(max_length=20)),
                        ('wording', models.TextField()),
                        ('page_url', models.CharField(blank=True, max_length=500)),
                        ('signed_up_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('confirmed_at', models.DateTimeField(blank=True, null=True)),
                        ('withdrawn_at', models.DateTimeField(blank=True, null=True)),
                        ('page', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.WAGTAIL_PAGE_MODEL)),
                        ('subscriber', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='consents', to='newsletter.subscriber')),
                    ],
                    options={
                        'db_table': 'giving_newsletterconsent',
                        'ordering': ['-signed_up_at'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.CreateModel(
            name='NewsletterEmail',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('attempts', models.PositiveSmallIntegerField(default=0)),
                ('last_error', models.TextField(blank=True)),
                ('kind', models.CharField(max_length=30)),
                ('to', models.EmailField(max_length=254)),
                ('subject', models.CharField(max_length=200)),
                ('body', models.TextField()),
                ('headers', models.JSONField(blank=True, default=dict)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('subscriber', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='emails', to='newsletter.subscriber')),
            ],
            options={
                'abstract': False,
                'indexes': [models.Index(fields=['sent_at', 'attempts'], name='newsletter__sent_at_bf3e95_idx')],
            },
        ),
    ]
