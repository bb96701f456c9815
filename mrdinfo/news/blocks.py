from wagtail import blocks

from mrdinfo.core.pages.blocks import BaseStreamBlock


class MediaEnquiriesBlock(blocks.StructBlock):
    """Who journalists should contact: set by editors, shown on the media centre."""

    heading = blocks.CharBlock(max_length=80, default="Media enquiries")
    text = blocks.TextBlock(
        required=False, max_length=300, help_text="One or two plain sentences, e.g. when the team answers."
    )
    contact_name = blocks.CharBlock(required=False, max_length=80, help_text="A team or a role, e.g. “Press office”.")
    email = blocks.EmailBlock(required=False)
    phone = blocks.CharBlock(required=False, max_length=40)
    out_of_hours_phone = blocks.CharBlock(required=False, max_length=40, label="Out-of-hours phone")

    class Meta:
        icon = "mail"
        template = "news/blocks/media_enquiries.html"
        label = "Media enquiries"
        description = "The press office's contact details, for journalists."
        preview_value = {
            "heading": "Media enquiries",
            "text": "Journalists can reach our press office on weekdays.",
            "contact_name": "Press office",
            "email": "press@example.org",
            "phone": "020 0000 0000",
        }


class NewsStreamBlock(BaseStreamBlock):
    media_enquiries = MediaEnquiriesBlock()
