"""“Was this page helpful?”: a yes or no and an optional comment about one page. Nothing that
identifies the person is asked for or kept (no name, email, IP address or cookie)."""

from django.core.validators import MaxLengthValidator
from django.db import models

COMMENT_MAX_LENGTH = 1000


class PageFeedback(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    helpful = models.BooleanField()
    comment = models.TextField(blank=True, validators=[MaxLengthValidator(COMMENT_MAX_LENGTH)])
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "page feedback"
        verbose_name_plural = "page feedback"

    def __str__(self) -> str:
        return f"{'Yes' if self.helpful else 'No'} on page {self.page_id}"
