"""Reports → Page feedback: for each page, how many said it was helpful or not, and the latest
comments; one page's comments in full on its own screen."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from wagtail.models import Page

from .models import PageFeedback

LATEST_COMMENTS = 3


def can_view(user):
    return user.is_superuser or user.has_perm("feedback.view_pagefeedback")


def feedback_report(request):
    if not can_view(request.user):
        raise PermissionDenied
    rows = list(
        PageFeedback.objects.values("page_id", "page__title")
        .annotate(
            yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False)), latest=Max("created_at")
        )
        .order_by("-latest")
    )
    comments = {}
    for item in (
        PageFeedback.objects.exclude(comment="")
        .order_by("-created_at")
        .values("page_id", "helpful", "comment", "created_at")[:500]
    ):
        page_comments = comments.setdefault(item["page_id"], [])
        if len(page_comments) < LATEST_COMMENTS:
            page_comments.append(item)
    for row in rows:
        row["comments"] = comments.get(row["page_id"], [])
    return TemplateResponse(request, "feedback/admin/report.html", {"rows": rows, "page_title": "Page feedback"})


def page_feedback_detail(request, page_id):
    if not can_view(request.user):
        raise PermissionDenied
    page = get_object_or_404(Page, pk=page_id)
    answers = PageFeedback.objects.filter(page=page)
    counts = answers.aggregate(yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False)))
    return TemplateResponse(
        request,
        "feedback/admin/page.html",
        {"feedback_page": page, "counts": counts, "answers": answers[:200], "page_title": f"Feedback: {page.title}"},
    )
