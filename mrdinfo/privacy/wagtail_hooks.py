from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import can_manage, data_protection


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("data-protection/", data_protection, name="privacy_data_protection")]


class DataProtectionMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage(request.user)


@hooks.register("register_admin_menu_item")
def register_data_protection_menu_item():
    return DataProtectionMenuItem(
        "Data protection", reverse("privacy_data_protection"), name="data-protection", icon_name="lock", order=9000
    )


@hooks.register("register_permissions")
def data_protection_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(content_type__app_label="privacy", codename="manage_personal_data")
