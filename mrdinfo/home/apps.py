from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "mrdinfo.home"
    label = "home"
    verbose_name = "Home page"
