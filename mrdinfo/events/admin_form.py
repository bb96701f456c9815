"""The event editor asks for what visitors filter by before an event goes live: publishing needs
a type and a region (a draft may leave them empty). A missing picture is only a warning
(wagtail_hooks.py), because some events have none yet."""

from typing import Any

from wagtail.admin.forms import WagtailAdminPageForm

PUBLISH_ACTION = "action-publish"
NEEDED_TO_PUBLISH = {
    "event_type": "Choose a type (Run, Cycle…): visitors filter events by it. Save a draft to choose later.",
    "region": "Choose a region (or Online): visitors filter events by it. Save a draft to choose later.",
}


class EventPageForm(WagtailAdminPageForm):
    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()
        if PUBLISH_ACTION in self.data:
            for field, message in NEEDED_TO_PUBLISH.items():
                if field in self.fields and not cleaned.get(field):
                    self.add_error(field, message)
        return cleaned
