"""Staff for the data-protection tests: a member of the "Data protection" group the migration
makes, and an editor who is not."""

from django.contrib.auth.models import Group


def data_protection_lead(django_user_model, username="dpo"):
    user = django_user_model.objects.create_user(username=username, password="pw")
    user.groups.add(Group.objects.get(name="Data protection"))
    return user


def editor(django_user_model, username="editor"):
    user = django_user_model.objects.create_user(username=username, password="pw")
    user.groups.add(Group.objects.get(name="Editors"))
    return user
