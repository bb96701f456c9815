from django_tasks import task


@task()
def send_form_notification(notification_id):
    from .models import FormNotification

    notification = FormNotification.objects.select_related("submission__page").filter(pk=notification_id).first()
    if notification is not None and notification.sent_at is None:
        notification.deliver()
