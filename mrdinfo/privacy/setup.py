"""The "Data protection" group: the only staff (with superusers) who see the data-protection
screen. Made by a data migration (0002); run again by anything that needs it (idempotent)."""

from typing import Any

from django.apps import apps as global_apps

GROUP = "Data protection"


def ensure_data_protection_group(apps: Any = global_apps) -> Any:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="privacy", model="dataprotectionaction")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="manage_personal_data",
        defaults={"name": "Can find, export and erase a person's personal data"},
    )
    admin_access, _ = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")[0],
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(permission, admin_access)
    return group
