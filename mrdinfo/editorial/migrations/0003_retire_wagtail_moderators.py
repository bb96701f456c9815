"""Only this site's workflow is offered: Wagtail's default "Moderators approval" workflow (on the
root page, so offered on every page) is switched off and its empty Moderators group removed
(mrdinfo/editorial/setup.py, Setup.retire_wagtail_moderation; load_content runs it again)."""

from django.db import migrations


def retire(apps, schema_editor):
    from mrdinfo.editorial.setup import Setup

    Setup(apps).retire_wagtail_moderation()


class Migration(migrations.Migration):
    dependencies = [("editorial", "0002_groups_and_clinical_sign_off")]

    operations = [migrations.RunPython(retire, migrations.RunPython.noop)]
