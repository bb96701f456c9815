"""Staff for the data-protection tests (factory_boy, see mrdinfo/testing/factories.py): a member
of the "Data protection" group, and an editor who is not. The groups are made again if a
live-server test has emptied the database."""

import factory

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from mrdinfo.privacy.setup import ensure_data_protection_group


class PrivacyStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    password = factory.django.Password("pw")


class DataProtectionLeadFactory(PrivacyStaffFactory):
    """In the "Data protection" group: may find, export and erase a person's records."""

    username = "dpo"

    @factory.post_generation
    def group(user, create, extracted, **kwargs):
        if create:
            user.groups.add(ensure_data_protection_group())


class EditorFactory(PrivacyStaffFactory):
    """An editor who may use the admin but is not in the "Data protection" group."""

    username = "editor"

    @factory.post_generation
    def group(user, create, extracted, **kwargs):
        if create:
            editors, _ = Group.objects.get_or_create(name="Editors")
            editors.permissions.add(Permission.objects.get(codename="access_admin"))
            user.groups.add(editors)
