"""What the data-protection lead did, and when: never whom it was about (no email address,
no name), only how many records of each kind were erased or exported."""

from django.conf import settings
from django.db import models
from django.utils import timezone

MANAGE_PERMISSION = "privacy.manage_personal_data"


class DataProtectionAction(models.Model):
    ERASED, EXPORTED = "erased", "exported"
    action = models.CharField(max_length=10, choices=[(ERASED, "Erased"), (EXPORTED, "Exported")])
    done_at = models.DateTimeField(default=timezone.now, db_index=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    done_by_name = models.CharField(max_length=150, help_text="The staff member's username, kept if they leave.")
    via = models.CharField(max_length=20, help_text="The data-protection screen or a management command.")
    counts = models.JSONField(default=dict, help_text="Records per kind of personal data; never the data itself.")

    class Meta:
        ordering = ["-done_at"]
        verbose_name = "data protection action"
        permissions = [("manage_personal_data", "Can find, export and erase a person's personal data")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.done_by_name or 'a command'} on {self.done_at:%d/%m/%Y %H:%M}"

    @property
    def total(self) -> int:
        return sum(int(count) for count in self.counts.values())
