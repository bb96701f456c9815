from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "mrdinfo.forms"
    label = "forms"
    verbose_name = "Form pages (contact and others)"
