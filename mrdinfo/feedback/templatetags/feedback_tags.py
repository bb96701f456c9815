from django import template

from mrdinfo.feedback.forms import PageFeedbackForm

register = template.Library()


@register.inclusion_tag("feedback/includes/page_feedback.html")
def page_feedback(page):
    """The "Was this page helpful?" form for a page (placed by the page type's template)."""
    return {"form": PageFeedbackForm(initial={"page_id": page.pk}, auto_id="feedback-%s"), "sent": False}
