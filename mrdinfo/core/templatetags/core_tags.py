from django import template

register = template.Library()


@register.filter
def nav_current(link, path):
    """aria-current for a menu link: "page" on the page itself, "true" anywhere in its section
    (so /understanding-mrd/ is marked while reading /understanding-mrd/remission/)."""
    url = link.get("url") or ""
    if link.get("external") or not url.startswith("/"):
        return ""
    if url == path:
        return "page"
    if url != "/" and path.startswith(url):
        return "true"
    return ""
