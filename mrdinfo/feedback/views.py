"""Receiving "Was this page helpful?" answers.

No CSRF token: the form sits on pages that are cached whole and shared with everyone, and it
carries no account or personal data to protect; the honeypot and signed time stamp
(mrdinfo/forms/spam.py) keep scripts out instead. The answer is stored before anything else."""

import logging

from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wagtail.models import Page

from mrdinfo.forms.spam import CLAIMED

from .forms import PageFeedbackForm
from .models import PageFeedback

logger = logging.getLogger(__name__)
SENT = "sent"


def _page(page_id):
    try:
        return Page.objects.live().public().filter(pk=int(page_id)).first()
    except (TypeError, ValueError):
        return None


@csrf_exempt
@require_POST
def send_feedback(request):
    form = PageFeedbackForm(request.POST, auto_id="feedback-%s")
    page = _page(request.POST.get("page_id"))
    if page is None:
        raise Http404("No such page")
    context = {"form": form, "sent": False, "back_url": page.get_url(request=request), "back_title": page.title}
    if form.is_valid():
        if form.is_spam:
            logger.info("Page feedback dropped as spam (honeypot filled) for page %s", page.pk)
            context.update(sent=True, helpful=form.cleaned_data["helpful"])
        else:
            earlier = form.claim_submission()  # a repeat (double-click) is thanked, not stored again
            if earlier is None:
                try:
                    PageFeedback.objects.create(
                        page=page, helpful=form.cleaned_data["helpful"], comment=form.cleaned_data["comment"].strip()
                    )
                except DatabaseError:
                    form.release_started_token()
                    raise
                form.record_outcome(SENT)
            if earlier != CLAIMED:
                context.update(sent=True, helpful=form.cleaned_data["helpful"])
    # 200 either way: the page shows the thanks, or the form again with what was typed and why.
    return render(request, "feedback/feedback_sent.html", context)
