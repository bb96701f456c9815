from django_tasks import task


@task()
def send_newsletter_email(email_id):
    from .models import NewsletterEmail

    email = NewsletterEmail.objects.filter(pk=email_id, sent_at__isnull=True).first()
    if email is not None:
        email.deliver()
