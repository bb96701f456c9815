"""schema.org Event data for search engines (Google's required and recommended properties), as a
`<script type="application/ld+json">` block: data, not script, so the site's CSP (script-src
'self') neither blocks nor reports it."""

import json

from django.utils import timezone
from django.utils.html import strip_tags

from wagtail.models import Site

from mrdinfo.core.models import SiteSettings

SCHEMA_STATUS = {
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventRescheduled",  # it has a new date: "rescheduled" in schema.org terms
}
SCHEMA_ATTENDANCE = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "mixed": "https://schema.org/MixedEventAttendanceMode",
}
SCHEMA_AVAILABILITY = {
    "open": "https://schema.org/InStock",
    "ballot": "https://schema.org/PreOrder",
    "few_places": "https://schema.org/LimitedAvailability",
    "sold_out": "https://schema.org/SoldOut",
    "cancelled": "https://schema.org/Discontinued",
    "postponed": "https://schema.org/InStock",
}
SHARE_IMAGE_SPEC = "fill-1200x630"
# Characters that could end the <script> element or start a comment, written as JSON escapes.
SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def iso(moment, all_day=False):
    local = timezone.localtime(moment)
    return local.date().isoformat() if all_day else local.isoformat()


def event_location(event, url):
    places = []
    if event.attendance != "online":
        places.append(
            {
                "@type": "Place",
                "name": event.venue or event.address_lines[0],
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": ", ".join(event.address_lines),
                    "postalCode": event.postcode,
                    "addressCountry": "GB",
                },
            }
        )
    if event.attendance != "in_person":
        places.append({"@type": "VirtualLocation", "url": event.online_url or url})
    return places[0] if len(places) == 1 else places


def event_json_ld(event, request):
    url = event.get_full_url(request)
    site = Site.find_for_request(request) or event.get_site()  # cached on the request: no query
    settings = SiteSettings.for_request(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": iso(event.start, event.all_day),
        "endDate": iso(event.end or event.start, event.all_day),
        "eventStatus": SCHEMA_STATUS.get(event.status, "https://schema.org/EventScheduled"),
        "eventAttendanceMode": SCHEMA_ATTENDANCE[event.attendance],
        "location": event_location(event, url),
        "description": event.summary or strip_tags(str(event.what_you_get))[:300],
        "url": url,
        "offers": {
            "@type": "Offer",
            "url": event.registration_url or url,
            "price": f"{event.entry_fee or 0:.2f}",
            "priceCurrency": "GBP",
            "availability": SCHEMA_AVAILABILITY[event.status],
            "validFrom": iso(event.first_published_at or event.start),
        },
        "organizer": {"@type": "Organization", "name": settings.charity_name, "url": site.root_url + "/"},
    }
    if event.previous_start:
        data["previousStartDate"] = iso(event.previous_start, event.all_day)
    image = event.picture or settings.default_share_image
    if image is not None:
        data["image"] = [request.build_absolute_uri(image.get_rendition(SHARE_IMAGE_SPEC).url)]
    return json.dumps(data, ensure_ascii=False, indent=None).translate(SCRIPT_SAFE)
