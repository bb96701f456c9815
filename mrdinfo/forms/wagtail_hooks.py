"""Who may read what visitors send. Wagtail lets anyone who can edit a form page read its
answers; answers hold parents' names, email addresses and worries, so reading them needs the
"Can view form submission" permission too (superusers have it). Give it to a group under
Settings → Groups → the group → Object permissions → Form submission → View."""

from django.contrib.auth.models import Permission

from wagtail import hooks

VIEW_SUBMISSIONS = "wagtailforms.view_formsubmission"


@hooks.register("filter_form_submissions_for_user")
def only_with_view_permission(user, editable_forms):
    if user.has_perm(VIEW_SUBMISSIONS):
        return editable_forms
    return editable_forms.none()


@hooks.register("register_permissions")
def form_submission_permissions():
    return Permission.objects.filter(content_type__app_label="wagtailforms", codename="view_formsubmission")
