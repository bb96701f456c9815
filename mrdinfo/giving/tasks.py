from django_tasks import task


@task()
def send_giving_email(email_id):
    from .models import OutgoingEmail

    email = OutgoingEmail.objects.filter(pk=email_id, sent_at__isnull=True).first()
    if email is not None:
        email.deliver()
