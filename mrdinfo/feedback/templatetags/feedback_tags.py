from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from mrdinfo.core import caching
from mrdinfo.feedback.forms import PageFeedbackForm
from mrdinfo.forms.spam import STARTED_FIELD, started_token

register = template.Library()

# Stands in for the form's signed time stamp in the cached markup; a fresh one replaces it on
# every render (the time stamp is the only part that differs between two renders).
STARTED_MARKER = "page-feedback-started-time-stamp"


def empty_form_html(page_id):
    form = PageFeedbackForm(initial={"page_id": page_id}, auto_id="feedback-%s")
    form.initial[STARTED_FIELD] = STARTED_MARKER
    return render_to_string("feedback/includes/page_feedback.html", {"form": form, "sent": False})


@register.simple_tag
def page_feedback(page):
    """The "Was this page helpful?" form for a page (placed by the page type's template).
    Rendering a form's widgets is slow and the empty form is the same for every visitor of a
    page, so its markup is cached (core/caching/) and only the time stamp is made afresh."""
    html = caching.cached_fragment("page-feedback", (page.pk,), lambda: empty_form_html(page.pk))
    return mark_safe(html.replace(STARTED_MARKER, started_token(), 1))  # noqa: S308 - our template; a signed token
