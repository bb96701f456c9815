"""Addresses that are not pages: the payment webhook and the newsletter's links."""

from django.urls import path

from . import newsletter_views, views

app_name = "giving"

urlpatterns = [
    path("giving/stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("newsletter/sign-up/", newsletter_views.newsletter_signup, name="newsletter_signup"),
    path("newsletter/check-your-email/", newsletter_views.newsletter_check_email, name="newsletter_check_email"),
    path("newsletter/confirm/<str:token>/", newsletter_views.newsletter_confirm, name="newsletter_confirm"),
    path("newsletter/unsubscribe/<str:token>/", newsletter_views.newsletter_unsubscribe, name="newsletter_unsubscribe"),
]
