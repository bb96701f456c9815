"""Shared as links and found: share tags on every page, share cards, structured data, sitemap and
robots.txt. Walks the real content (load_content) as well as a small built tree."""

import io
import json
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from wagtail.models import Page, PageViewRestriction

from mrdinfo.core.sharing import images as share_images
from mrdinfo.testing.factories import GeneralPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(site_content):
    return site_content


def meta(html):
    soup = BeautifulSoup(html, "html.parser")
    tags = {tag.get("property") or tag.get("name"): tag.get("content") for tag in soup.find_all("meta")}
    canonical = soup.find("link", rel="canonical")
    tags["canonical"] = canonical["href"] if canonical else None
    return tags


def json_ld(html):
    soup = BeautifulSoup(html, "html.parser")
    graphs = [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]
    assert len(graphs) == 1
    return {node["@type"]: node for node in graphs[0]["@graph"]}


def fetch_image(client, url):
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "image/jpeg"
    assert "max-age=31536000" in response["Cache-Control"]
    data = b"".join(response.streaming_content) if response.streaming else response.content
    return data


def test_every_live_page_has_complete_share_tags(client, content):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert pages.count() >= 10
    images = {}
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        tags = meta(response.content.decode())
        assert tags["canonical"] == page.full_url and tags["canonical"].startswith("http"), page.url
        assert tags["og:url"] == tags["canonical"]
        assert tags["og:title"], page.url
        assert tags["og:description"], page.url
        assert tags["og:image"].startswith("http"), page.url
        data = fetch_image(client, tags["og:image"])
        assert len(data) < 300 * 1024, (page.url, len(data))
        assert Image.open(io.BytesIO(data)).size == (1200, 630), page.url
        assert (tags["og:image:width"], tags["og:image:height"]) == ("1200", "630")
        images[page.url] = (tags["og:title"], tags["og:image"], data)
    # Two pages with different titles never share a picture.
    what, remission = images["/understanding-mrd/what-is-mrd/"], images["/understanding-mrd/remission/"]
    assert what[0] != remission[0]
    assert what[1] != remission[1] and what[2] != remission[2]


def test_canonical_and_og_url_drop_tracking_parameters(client, page_tree):
    html = client.get("/about-us/?utm_source=whatsapp&utm_medium=social&fbclid=abc&gclid=def").content.decode()
    tags = meta(html)
    assert tags["canonical"] == "http://localhost/about-us/"
    assert tags["og:url"] == "http://localhost/about-us/"


def test_search_canonical_keeps_the_query_but_not_tracking(client, page_tree):
    tags = meta(client.get("/search/?q=about&utm_campaign=x&fbclid=y").content.decode())
    assert tags["canonical"] == "http://localhost/search/?q=about"


def test_share_card_is_made_once_and_remade_when_the_title_changes(client, page_tree, monkeypatch):
    drawn = []
    real_draw = share_images.draw_card
    monkeypatch.setattr(share_images, "draw_card", lambda *args: drawn.append(args) or real_draw(*args))
    about = page_tree["about"]
    first_url = meta(client.get(about.url).content.decode())["og:image"]
    first = fetch_image(client, first_url)
    fetch_image(client, first_url)
    assert len(drawn) == 1, "the card is stored, not drawn again"

    about.title = "About the charity and its work"
    about.save_revision().publish()
    second_url = meta(client.get(about.url).content.decode())["og:image"]
    assert second_url != first_url
    second = fetch_image(client, second_url)
    assert second != first and len(drawn) == 2
    # An old preview's address leads to today's card.
    old = client.get(urlsplit(first_url).path)
    assert old.status_code == 301 and old["Location"] == urlsplit(second_url).path


def test_editors_share_image_is_used_as_a_rendition(client, page_tree):
    from wagtail.images.models import Image as WagtailImage
    from wagtail.images.tests.utils import get_test_image_file

    image = WagtailImage.objects.create(title="Walk", file=get_test_image_file(size=(1600, 1000)))
    about = page_tree["about"]
    about.share_image = image
    about.save_revision().publish()
    url = meta(client.get(about.url).content.decode())["og:image"]
    assert f"/image-{image.pk}" in url
    data = fetch_image(client, url)
    assert Image.open(io.BytesIO(data)).size == (1200, 630)


def test_share_image_of_a_private_or_missing_page_is_not_served(client, page_tree):
    about = page_tree["about"]
    url = meta(client.get(about.url).content.decode())["og:image"]
    PageViewRestriction.objects.create(page=about, restriction_type="password", password="x")
    assert client.get(urlsplit(url).path).status_code == 404
    assert client.get("/share-image/99999/card-0123456789abcdef.jpg").status_code == 404


def brand_only(image, box):
    """True when every pixel in box is (close to) the card's background colour."""
    region = image.crop(box).convert("RGB")
    data = region.tobytes()
    pixels = (data[index : index + 3] for index in range(0, len(data), 3))
    return all(sum(abs(a - b) for a, b in zip(pixel, share_images.BRAND, strict=True)) < 60 for pixel in pixels)


@pytest.mark.parametrize(
    "title",
    [
        "MRD",
        "What does it mean when the MRD test finds a few leukaemia cells after the first month of treatment, "
        "and what happens next for my child? " * 6,
        "Supercalifragilisticexpialidociousleukaemiacellsthatkeepgoingwithoutanyspacesatallanywhere",
        "Λευχαιμία στα παιδιά: τι σημαίνει το MRD; Что такое минимальная остаточная болезнь у детей?",
        "ما هو المرض المتبقي الأدنى؟ שאלות לצוות המטפל",
    ],
)
def test_card_text_wraps_and_never_overflows(title):
    used_font, lines = share_images.fit_title(title, share_images.WIDTH - 2 * share_images.MARGIN, 350)
    assert lines
    assert all(used_font.getlength(line) <= share_images.WIDTH - 2 * share_images.MARGIN for line in lines)
    assert len(lines) * used_font.size * share_images.LINE_HEIGHT <= 350
    data = share_images.draw_card(title, "Understanding MRD", "Children with Cancer UK")
    assert len(data) < 300 * 1024
    image = Image.open(io.BytesIO(data))
    assert image.size == (1200, 630)
    # Nothing is drawn in the right-hand margin: the text stopped inside the card.
    assert brand_only(image, (share_images.WIDTH - share_images.MARGIN + 8, 0, share_images.WIDTH, 540))


def test_card_title_too_long_even_at_the_smallest_size_ends_with_an_ellipsis():
    _font, lines = share_images.fit_title("word " * 400, 1040, 350)
    assert lines[-1].endswith("…")


def test_structured_data_on_an_information_page(client, content):
    html = client.get("/understanding-mrd/what-is-mrd/").content.decode()
    nodes = json_ld(html)
    ngo = nodes["NGO"]
    assert ngo["name"] == "Children with Cancer UK"
    assert ngo["identifier"][0]["value"] == "298405"
    page = nodes["MedicalWebPage"]
    assert page["about"]["@type"] == "MedicalCondition"
    assert page["url"] == "http://localhost/understanding-mrd/what-is-mrd/"
    # The content has not been signed off by a clinician, so nothing claims it has.
    assert "lastReviewed" not in page and "reviewedBy" not in page
    crumbs = nodes["BreadcrumbList"]["itemListElement"]
    assert [item["name"] for item in crumbs] == ["Home", "Understanding MRD", "What is MRD?"]
    assert [item["position"] for item in crumbs] == [1, 2, 3]
    assert all(item["item"].startswith("http://localhost/") for item in crumbs)


def test_medical_page_names_its_clinical_review_once_there_has_been_one(client, content):
    import datetime

    from mrdinfo.information.models import InformationPage

    remission = InformationPage.objects.get(url_path__endswith="/remission/")
    remission.clinical_reviewer_name = "Dr A Example"
    remission.clinical_reviewer_role = "Consultant haematologist"
    remission.clinically_reviewed_on = datetime.date(2026, 11, 1)
    remission.save_revision().publish()
    page = json_ld(client.get("/understanding-mrd/remission/").content.decode())["MedicalWebPage"]
    assert page["lastReviewed"] == "2026-11-01"
    assert page["reviewedBy"] == {"@type": "Person", "name": "Dr A Example", "jobTitle": "Consultant haematologist"}


def test_every_page_has_breadcrumbs_and_the_charity_in_structured_data(client, page_tree):
    for path, names in [("/", ["Home"]), ("/about-us/our-team/", ["Home", "About us", "Our team"])]:
        nodes = json_ld(client.get(path).content.decode())
        assert [item["name"] for item in nodes["BreadcrumbList"]["itemListElement"]] == names
        assert nodes["NGO"]["identifier"][0]["value"] == "123456"
        assert nodes["WebPage"]["publisher"] == {"@id": nodes["NGO"]["@id"]}


def test_structured_data_cannot_be_closed_early_by_page_text(client, page_tree):
    title = "Tricky </script><script>alert(1)</script> & co"
    # (The body is set: the test helper's default body would put the title in raw HTML.)
    page = GeneralPageFactory(parent=page_tree["home"], title=title, body=[("text", "<p>Plain words.</p>")])
    html = client.get(page.url).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    assert all(script.get("src") and not script.string for script in soup.find_all("script", type="module"))
    assert len(soup.find_all("script")) == len(soup.find_all("script", type="module")) + 1
    assert "</script>" not in scripts[0].string
    assert json.loads(scripts[0].string)["@graph"][1]["name"] == title


def sitemap_urls(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own sitemap
    return {
        url.findtext("s:loc", namespaces=namespace): url.find("s:lastmod", namespace)
        for url in root.findall("s:url", namespace)
    }


def test_sitemap_lists_every_published_public_page_and_no_draft_or_private_one(client, page_tree):
    home = page_tree["home"]
    draft = GeneralPageFactory(parent=home, title="Draft plans")
    draft.unpublish()
    private = GeneralPageFactory(parent=home, title="Staff only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    hidden_child = GeneralPageFactory(parent=private, title="Staff rota")
    urls = sitemap_urls(client)
    expected = {
        page.full_url
        for page in Page.objects.live().public().specific()
        if page.depth > 1 and page.pk not in {private.pk, hidden_child.pk}
    }
    assert set(urls) == expected
    assert "http://localhost/about-us/our-team/" in urls
    assert draft.full_url not in urls and private.full_url not in urls and hidden_child.full_url not in urls
    assert all(lastmod is not None and lastmod.text for lastmod in urls.values())


def test_sitemap_of_the_real_content(client, content):
    urls = sitemap_urls(client)
    assert {page.full_url for page in Page.objects.live().public().filter(depth__gt=1)} == set(urls)


def test_robots_txt_points_at_the_sitemap(client, page_tree):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://localhost/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines
