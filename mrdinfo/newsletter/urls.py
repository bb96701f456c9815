"""The newsletter's own addresses: sign-up, "check your email", the confirmation link and
one-click unsubscribe (the same addresses as when the newsletter lived in giving)."""

from django.urls import path

from . import views

app_name = "newsletter"

urlpatterns = [
    path("newsletter/sign-up/", views.newsletter_signup, name="signup"),
    path("newsletter/check-your-email/", views.newsletter_check_email, name="check_email"),
    path("newsletter/confirm/<str:token>/", views.newsletter_confirm, name="confirm"),
    path("newsletter/unsubscribe/<str:token>/", views.newsletter_unsubscribe, name="unsubscribe"),
]
