"""Find a page from its URL in two queries, not two per level of the tree.

Wagtail routes /understanding-mrd/what-is-mrd/ by asking each page in turn for its child
(a query or two per level). The site's root page (HomePage) uses this mixin to look the page up
by its url_path instead, which Wagtail keeps up to date for every page. Paths that are not
pages (a page's own sub-routes, or a 404) fall back to Wagtail's routing, so pages with custom
`route()` methods below the root still work."""

from wagtail.models import Page


class DirectRoutingMixin:
    def route(self, request, path_components):
        if path_components:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            # slug is indexed, url_path is not: filtering on both uses the index.
            page = Page.objects.filter(slug=path_components[-1], url_path=url_path).specific().first()
            if page is not None:
                return page.route(request, [])
        return super().route(request, path_components)
