"""The "Data protection" group (mrdinfo/privacy/setup.py): the only staff (with superusers) who
see the data-protection screen, which finds, exports and erases a person's data."""

from django.db import migrations


def make_group(apps, schema_editor):
    from mrdinfo.privacy.setup import ensure_data_protection_group

    ensure_data_protection_group(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_data_protection_action"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
    ]

    operations = [migrations.RunPython(make_group, migrations.RunPython.noop)]
