"""What the worker keeps, from the apps that know: three Wagtail hooks, each a function of the
request.

- GUIDE_PAGES_HOOK -> pages: the guide a parent keeps whole once they have opened it (the
  information app: the "Understanding MRD" hub and every page under it, the glossary, the
  explainer's and the result reader's pages; the home page while it carries the explainer).
- GUIDE_OPENED_FROM_HOOK -> pages: opening one of these (online) saves the whole guide (the hub).
- NEVER_SAVE_HOOK -> URL paths: nothing at or under them is saved (the donation journey, the
  contact form, the newsletter's sign-up and links). Pages with a form for personal details are
  never saved anyway (they are sent "private, no-store", which the worker honours); these paths
  say so for pages that are not, such as the donate page's first step.

Core adds its own never-saved paths (the admin, documents) and keeps only live, public pages of
the request's site, whatever an app returns."""

from django.http import HttpRequest
from django.urls import reverse

from wagtail import hooks
from wagtail.models import Page

GUIDE_PAGES_HOOK = "mrdinfo_offline_guide_pages"
GUIDE_OPENED_FROM_HOOK = "mrdinfo_offline_guide_opened_from"
NEVER_SAVE_HOOK = "mrdinfo_offline_never_save"
# Paths of the editors' side, whatever the URL configuration says: "/cms/" is where many
# Wagtail sites put the admin, so a future move there is covered before anyone thinks of it.
ALWAYS_NEVER_SAVED = ("/cms/", "/django-admin/")


def _pages(request: HttpRequest, hook_name: str) -> list[str]:
    ids = {page.pk for answer in hooks.get_hooks(hook_name) for page in answer(request)}
    pages = Page.objects.filter(pk__in=ids).live().public().order_by("path")
    urls = (page.get_url(request=request) for page in pages)
    # Another site's pages come back as absolute addresses: this site's worker cannot keep them.
    return [url for url in urls if url and url.startswith("/")]


def guide_pages(request: HttpRequest) -> list[str]:
    return _pages(request, GUIDE_PAGES_HOOK)


def guide_opened_from(request: HttpRequest) -> list[str]:
    return _pages(request, GUIDE_OPENED_FROM_HOOK)


def never_saved(request: HttpRequest, worker_url: str) -> list[str]:
    documents = reverse("wagtaildocs_serve", args=(1, "a")).removesuffix("1/a")  # private ones too
    paths: list[str] = [reverse("wagtailadmin_home"), documents, *ALWAYS_NEVER_SAVED]
    paths.append(worker_url)
    for answer in hooks.get_hooks(NEVER_SAVE_HOOK):
        paths.extend(path for path in answer(request) if path)
    return sorted(set(paths))


def guide_start_page_titles(request: HttpRequest) -> list[str]:
    """The titles of the pages that save the guide, for the offline page's advice."""
    ids = {page.pk for answer in hooks.get_hooks(GUIDE_OPENED_FROM_HOOK) for page in answer(request)}
    return list(Page.objects.filter(pk__in=ids).live().public().order_by("path").values_list("title", flat=True))
