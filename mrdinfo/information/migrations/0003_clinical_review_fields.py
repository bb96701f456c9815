"""The review fields now say what they record: a named clinician's review (empty until one signs
the page off) apart from the information team's last update. Renamed, so existing values stay."""

from django.db import migrations

MODELS = ["topicindexpage", "informationpage", "glossarypage"]
RENAMES = [
    ("reviewed_by_name", "clinical_reviewer_name"),
    ("reviewed_by_role", "clinical_reviewer_role"),
    ("last_reviewed", "last_updated"),
]


class Migration(migrations.Migration):
    dependencies = [("information", "0002_information_body_explainer")]

    operations = [
        *[
            migrations.RenameField(model_name=model, old_name=old, new_name=new)
            for model in MODELS
            for old, new in RENAMES
        ],
    ]
