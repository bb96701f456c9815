"""Staff groups (Editors, Clinical reviewers, Fundraising) with their permissions, and the
"Clinical sign-off" workflow (mrdinfo/editorial/setup.py). load_content runs the same setup
again once the hub and the fundraising sections exist."""

from django.db import migrations


def set_up(apps, schema_editor):
    from mrdinfo.editorial.setup import ensure_editorial_setup

    ensure_editorial_setup(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
