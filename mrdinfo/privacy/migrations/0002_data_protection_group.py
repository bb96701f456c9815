"""The "Data protection" group: the only staff (with superusers) who see the data-protection
screen, which finds, exports and erases a person's data (privacy/views.py)."""

from django.db import migrations

GROUP = "Data protection"


def make_group(apps, schema_editor):
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


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_data_protection_action"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(make_group, migrations.RunPython.noop)]
