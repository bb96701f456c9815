"""Addresses that are not pages: the payment webhook (the newsletter's links are its own app's)."""

from django.urls import path

from . import views

app_name = "giving"

urlpatterns = [
    path("giving/stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
]
