"""The data-protection screen (admin → Data protection), for the "Data protection" group: find a
person by email across every kind of record in the register, see what is held and what erasing
would do, download it all (subject access), or erase it. Every request is a POST, so an email
address never appears in an address, a browser history or a server log."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from . import service
from .models import MANAGE_PERMISSION, DataProtectionAction

CONFIRM_MESSAGE = "Tick the box to confirm that you have checked who is asking and want to erase."


def can_manage(user: Any) -> bool:
    return bool(user.is_active and user.has_perm(MANAGE_PERMISSION))


def data_protection(request: HttpRequest) -> HttpResponse:
    if not can_manage(request.user):
        raise PermissionDenied
    context: dict[str, Any] = {
        "page_title": "Data protection",
        "email": "",
        "actions": DataProtectionAction.objects.all()[:20],
    }
    if request.method == "POST":
        email = request.POST.get("email", "").strip()
        context["email"] = email
        try:
            service.normalise_email(email)
        except ValueError as error:
            context["error"] = str(error)
            return TemplateResponse(request, "privacy/admin/data_protection.html", context, status=400)
        operation = request.POST.get("operation", "find")
        if operation == "export":
            response = HttpResponse(service.export(email, request.user, via="screen"), content_type="application/json")
            response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
            response["Cache-Control"] = "private, no-store"
            return response
        if operation == "erase":
            if request.POST.get("confirm") != "yes":
                context["error"] = CONFIRM_MESSAGE
            else:
                context["erased"] = service.erase(email, request.user, via="screen")
        context["found"] = service.lookup(email)
        context["found_any"] = any(item.records for item in context["found"])
    response = TemplateResponse(request, "privacy/admin/data_protection.html", context)
    response["Cache-Control"] = "private, no-store"
    return response
