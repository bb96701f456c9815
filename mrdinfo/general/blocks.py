"""Blocks only general pages offer: the privacy notice's "How long we keep it" lines, each from
the register of personal data (core/records/personal_data.py) like the notice's table, so no paragraph
can promise a period the code does not keep."""

from typing import Any

from wagtail import blocks

from mrdinfo.core.records.personal_data import entry, notice_entries


def register_choices() -> list[tuple[str, str]]:
    return [(item.key, item.what) for item in notice_entries()]


class RetentionPeriodBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=register_choices, label="Kind of personal data", help_text="Its period comes from the register."
    )
    label = blocks.CharBlock(max_length=80, default="How long we keep it", help_text="Shown in bold before the period.")

    class Meta:
        icon = "time"
        label = "Personal data: how long we keep it"
        template = "general/blocks/retention_period.html"

    def get_context(self, value: Any, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        context["entry"] = entry(value["kind"])
        return context
