"""Who may read what visitors send. Wagtail lets anyone who can edit a form page read its
answers; answers hold parents' names, email addresses and worries, so reading them needs the
"Can view form submission" permission too (superusers have it). Give it to a group under
Settings → Groups → the group → Object permissions → Form submission → View."""

from django.contrib.auth.models import Permission
from django.urls import path

from wagtail import hooks

from .admin_list import FormsListView
from .models import FormPage

VIEW_SUBMISSIONS = "wagtailforms.view_formsubmission"


@hooks.register("filter_form_submissions_for_user")
def only_with_view_permission(user, editable_forms):
    if user.has_perm(VIEW_SUBMISSIONS):
        return editable_forms
    return editable_forms.none()


@hooks.register("register_permissions")
def form_submission_permissions():
    return Permission.objects.filter(content_type__app_label="wagtailforms", codename="view_formsubmission")


@hooks.register("register_admin_urls", order=-1)
def forms_list_urls():
    # Before Wagtail's own "forms/" (order=-1): the same addresses, so `wagtailforms:index` and
    # its results view (the filters' live update) both land on the charity's list.
    return [
        path("forms/", FormsListView.as_view(), name="mrdinfo_forms_index"),
        path("forms/results/", FormsListView.as_view(results_only=True), name="mrdinfo_forms_index_results"),
    ]


# Offline reading (core/offline): a form for visitors' details is never kept on a device.
@hooks.register("mrdinfo_offline_never_save")
def form_pages_never_saved(request):
    return [page.get_url(request=request) for page in FormPage.objects.live()]
