"""Staff for the data-protection tests: a member of the "Data protection" group, and an editor
who is not. The groups are made again if a live-server test has emptied the database."""

from django.contrib.auth.models import Group, Permission

from mrdinfo.privacy.setup import ensure_data_protection_group


def data_protection_lead(django_user_model, username="dpo"):
    user = django_user_model.objects.create_user(username=username, password="pw")
    user.groups.add(ensure_data_protection_group())
    return user


def editor(django_user_model, username="editor"):
    user = django_user_model.objects.create_user(username=username, password="pw")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(editors)
    return user
