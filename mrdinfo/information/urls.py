"""Addresses of the information app that are not pages: each hub's booklet (views.py)."""

from django.urls import re_path

from . import views

app_name = "information"

urlpatterns = [
    # The hub's own address (as Wagtail's page addresses: slugs, each with a slash), then guide.pdf.
    re_path(r"^(?P<hub_path>(?:[\w\-]+/)+)guide\.pdf$", views.booklet_pdf, name="booklet"),
]
