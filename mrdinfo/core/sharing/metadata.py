"""What a page says about itself to the outside world: its canonical address, its share card data,
its breadcrumb trail and its schema.org structured data. Generic over every page type, so a new
page type gets all of it by extending base.html (and BasePage for summary and share image).

A page type may add, all optional:
- canonical_query_params: query parameters that change what the page shows and so belong in its
  canonical address (e.g. ("page",) on a paginated index). Default: none.
- schema_org_type: "Event", "NewsArticle"… (default "WebPage"; pages with review metadata are
  "MedicalWebPage").
- schema_org_data(request): extra schema.org properties for the page (a dict, merged in).
- clinical_review(): {"date": date, "name": str, "role": str} once a clinician has signed the page
  off, else None. Only then does MedicalWebPage carry lastReviewed and reviewedBy."""

import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from wagtail.models import Page

from mrdinfo.core import caching

TRACKING_EXACT = {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "_ga"}


def is_tracking_param(name: str) -> bool:
    return name.lower().startswith("utm_") or name.lower() in TRACKING_EXACT


def site_root(request: HttpRequest, chrome: Mapping[str, Any] | None = None) -> str:
    root = (chrome or {}).get("root_url") if chrome else None
    if root:
        return root.rstrip("/")
    return request.build_absolute_uri("/").rstrip("/")


def canonical_url(
    request: HttpRequest, chrome: Mapping[str, Any] | None = None, keep: Collection[str] | None = None
) -> str:
    """This request's address, absolute, without tracking parameters. keep=None keeps every other
    parameter (a search); a list keeps only those (a page keeps what changes its content)."""
    if keep is None:
        lists = list(request.GET.lists())
    else:  # only these are read: the page cache keys the page on what it reads (query_reads.py)
        lists = [(name, request.GET.getlist(name)) for name in keep if name in request.GET]
    pairs = [(name, value) for name, values in lists for value in values if not is_tracking_param(name)]
    query = ("?" + urlencode(pairs)) if pairs else ""
    return site_root(request, chrome) + request.path + query


def page_trail(request: HttpRequest | None, page: Page) -> list[Page]:
    """The page's ancestors from the home page down, then the page: one query, once per request
    (the share tags, the breadcrumbs and the structured data all use it)."""
    store: dict[Any, list[Page]] | None = getattr(request, "_mrdinfo_trails", None)
    if store is None:
        store = {}
        if request is not None:
            request._mrdinfo_trails = store  # type: ignore[attr-defined]  # a memo for this request
    key = page.pk
    if key not in store:
        ancestors: list[Page] = []
        if page.pk and page.path:
            # A pure function of stored pages (titles and places), so cached under the content
            # generation, which any publish, move, rename or deletion moves on.
            ancestors = caching.cached_fragment(
                "page-ancestors",
                (page.pk, page.path),
                lambda: list(
                    page.get_ancestors().filter(depth__gte=2).only("id", "title", "url_path", "depth", "path")
                ),
            )
        elif getattr(page, "depth", None):
            try:
                ancestors = list(page.get_parent().get_ancestors(inclusive=True).filter(depth__gte=2))
            except Exception:  # noqa: BLE001  an unsaved page in a preview without a parent: no trail
                ancestors = []
        store[key] = ancestors + [page]
    return store[key]


def section_name(trail: Sequence[Page]) -> str:
    """The top-level section a page sits in ("Understanding MRD"), or "" for home and section pages."""
    return trail[1].title if len(trail) > 2 else ""


def trail_url(request: HttpRequest, site_root_url: str, page: Page) -> str:
    if page.depth == 2:
        return site_root_url + "/"
    url = page.get_url(request=request)
    if url and url.startswith("/"):
        return site_root_url + url
    return url or ""


def json_ld(data: Any) -> SafeString:
    """A JSON-LD script element. Data, not script, so the CSP's script-src does not apply; "<",
    ">" and "&" are escaped so no text can close the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - JSON with <, > and & escaped


def organisation_data(chrome: Mapping[str, Any], root: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "NGO",
        "@id": root + "/#organisation",
        "name": chrome.get("charity_name") or "",
        "url": root + "/",
    }
    identifiers = []
    if chrome.get("charity_number"):
        identifiers.append(
            {
                "@type": "PropertyValue",
                "propertyID": "Registered charity number (England and Wales)",
                "value": chrome["charity_number"],
            }
        )
    if chrome.get("charity_number_scotland"):
        identifiers.append(
            {
                "@type": "PropertyValue",
                "propertyID": "Registered charity number (Scotland)",
                "value": chrome["charity_number_scotland"],
            }
        )
    if identifiers:
        data["identifier"] = identifiers
    if chrome.get("contact_email"):
        data["email"] = chrome["contact_email"]
    if chrome.get("contact_phone"):
        data["telephone"] = chrome["contact_phone"]
    social = [link["url"] for link in chrome.get("social_links") or []]
    if social:
        data["sameAs"] = social
    return data


def breadcrumb_data(items: Iterable[tuple[str, str]]) -> dict[str, Any]:
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }


# What every page with review metadata (information pages) is about: the brief's scope.
MEDICAL_ABOUT = {
    "@type": "MedicalCondition",
    "name": "Acute lymphoblastic leukaemia (ALL) in children",
    "alternateName": "ALL",
}


def page_type_data(page: Page, request: HttpRequest) -> dict[str, Any]:
    # Pages that can carry a clinical review (information pages) are medical pages.
    reviewable = callable(getattr(page, "clinical_review", None))
    schema_type = getattr(page, "schema_org_type", None) or ("MedicalWebPage" if reviewable else "WebPage")
    data: dict[str, Any] = {"@type": schema_type}
    if schema_type == "MedicalWebPage":
        data["about"] = MEDICAL_ABOUT
        data["audience"] = {"@type": "MedicalAudience", "audienceType": "Patient"}
        review = page.clinical_review() if reviewable else None
        if review:
            data["lastReviewed"] = review["date"].isoformat()
            reviewer = {"@type": "Person", "name": review["name"]}
            if review.get("role"):
                reviewer["jobTitle"] = review["role"]
            data["reviewedBy"] = reviewer
    extra = getattr(page, "schema_org_data", None)
    if callable(extra):
        data.update(extra(request) or {})
    return data


def structured_data(
    request: HttpRequest,
    chrome: Mapping[str, Any],
    page: Page | None = None,
    title: str = "",
    trail_items: Iterable[tuple[str, str]] | None = None,
) -> SafeString:
    """The page's JSON-LD graph: the charity (NGO), the page itself and its breadcrumb trail."""
    root = site_root(request, chrome)
    organisation = organisation_data(chrome, root)
    if page is not None:
        trail = page_trail(request, page)
        items = [("Home" if p.depth == 2 else p.title, trail_url(request, root, p)) for p in trail]
        items[-1] = (items[-1][0], canonical_url(request, chrome, keep=getattr(page, "canonical_query_params", ())))
        page_data = page_type_data(page, request)
        page_data.update(
            {
                "name": getattr(page, "seo_title", "") or page.title,
                "url": items[-1][1],
            }
        )
        description = page.get_meta_description() if hasattr(page, "get_meta_description") else ""
        if description:
            page_data["description"] = description
        if getattr(page, "last_published_at", None):
            page_data.setdefault("dateModified", page.last_published_at.isoformat())
    elif not title:
        # A page with no name of its own (an error page): the charity only.
        return json_ld({"@context": "https://schema.org", "@graph": [organisation]})
    else:
        items = [("Home", root + "/")] + list(trail_items or [])
        page_data = {"@type": "WebPage", "name": title, "url": canonical_url(request, chrome)}
    page_data["isPartOf"] = {"@type": "WebSite", "name": organisation["name"], "url": root + "/"}
    page_data["publisher"] = {"@id": organisation["@id"]}
    breadcrumbs = breadcrumb_data(items)
    breadcrumbs["@id"] = page_data["url"] + "#breadcrumbs"
    page_data["breadcrumb"] = {"@id": breadcrumbs["@id"]}
    graph = {"@context": "https://schema.org", "@graph": [organisation, page_data, breadcrumbs]}
    return json_ld(graph)
