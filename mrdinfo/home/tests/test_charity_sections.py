"""The charity's side of the real content in content/: after `load_content` on a fresh database the
new sections are reachable from the menus, the home page has its help path and cards, information
pages end with the editor's cards, and the news, feed and ambassadors pages are there."""

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from django.conf import settings

from mrdinfo.core.content.errors import ContentError
from mrdinfo.core.content.loader import ContentLoader
from mrdinfo.people.models import Person
from mrdinfo.promotions.models import PromoCard

pytestmark = pytest.mark.django_db

CONTENT_DIR = Path(settings.BASE_DIR) / "content"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def content_copy(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def load(content_dir=CONTENT_DIR, **options):
    return ContentLoader(content_dir, **options).load()


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def nav_links(soup, label):
    return {a.get_text(strip=True): a["href"] for a in soup.find("nav", attrs={"aria-label": label}).find_all("a")}


def test_every_menu_link_leads_to_a_live_page_and_the_new_sections_are_there(site_content, client):
    home = soup_of(client, "/")
    main, footer = nav_links(home, "Main"), nav_links(home, "Footer")
    assert main["News"] == "/news/" and main["About us"] == "/about/"
    for label, url in {
        "News and media centre": "/news/",
        "Research we fund": "/about/research-we-fund/",
        "Our ambassadors": "/about/our-ambassadors/",
        "Influencing policy": "/about/influencing-policy/",
        "Trekking training": "/about/trekking-training/",
        "Fundraise": "/about/fundraise/",
    }.items():
        assert footer[label] == url
    for url in set(main.values()) | set(footer.values()):
        assert client.get(url).status_code == 200, url


def test_the_home_page_has_the_help_path_and_the_charitys_cards(site_content, client):
    home = soup_of(client, "/")
    sections = {s.h2.get_text(strip=True): s for s in home.select("section.promo-cards")}
    help_path = [(a.get_text(strip=True), a["href"]) for a in sections["I want to help"].select(".card__link")]
    assert help_path == [
        ("Take part in an event", "/events/"),
        ("Make a donation", "/donate/"),
        ("Fundraise your way", "/about/fundraise/"),
        ("Volunteer with us", "/contact/"),
    ]
    # The help path comes early, before the explainer; the charity's cards close the page.
    all_headings = [h.get_text(strip=True) for h in home.select("main h2")]
    assert all_headings.index("I want to help") < 3
    assert all_headings[-1] == "From the charity"
    titles = [a.get_text(strip=True) for a in sections["From the charity"].select(".card__link")]
    assert titles[:3] == ["News and media centre", "Find an event", "Research we fund"]
    assert len(titles) == 8


def test_information_pages_end_with_one_quiet_line_of_the_read_more_set(site_content, client):
    """A medical page ends with the editors' "Read more" set as one "More from the charity" line
    that opens to its links, not a grid of eight picture cards (issue 18)."""
    page = soup_of(client, "/understanding-mrd/remission/")
    assert not page.select("main section.promo-cards")
    line = page.select_one("nav.promo-line[aria-label='More from the charity']")
    assert line.summary.get_text(strip=True) == "More from the charity"
    hrefs = [a["href"] for a in line.select(".promo-line__link")]
    assert hrefs[0] == "/news/" and "/about/our-ambassadors/" in hrefs and len(hrefs) == 8
    assert not line.find_all("img")


def test_news_feed_and_ambassadors_from_the_content(site_content, client):
    news = soup_of(client, "/news/")
    assert len(news.select(".news-item")) >= 4
    assert "contact form" in news.select_one(".media-enquiries").get_text()
    feed = ET.fromstring(client.get("/news/feed/").content)  # noqa: S314  (our own output)
    assert len(feed.findall(f"{ATOM}entry")) >= 4
    ambassadors = soup_of(client, "/about/our-ambassadors/")
    people = ambassadors.select(".person")
    assert len(people) == 4
    for person in people:
        assert "(sample)" in person.h2.get_text()  # roles, clearly sample content, no names
        assert person.img["alt"].strip()
    assert not Person.objects.exclude(name="").exists()


def test_loading_twice_changes_no_card_set_or_person(site_content):
    # site_content is the first load (a snapshot of one: testing/content_snapshot.py).
    report = load()
    assert report.other == [], report.other
    assert report.created == [] and report.updated == []


def test_a_card_changed_in_wagtail_is_left_alone_unless_asked(site_content, content_copy):
    card = PromoCard.objects.get(title="Trekking training")
    card.text = "An editor's better words."
    card.save()
    promotions = content_copy / "promotions.yaml"
    promotions.write_text(promotions.read_text().replace("Get ready for a charity trek", "Train for a trek"))
    report = load(content_copy)
    assert any("left alone" in line for line in report.other)
    card.refresh_from_db()
    assert card.text == "An editor's better words."
    load(content_copy, overwrite_edits=True)
    card.refresh_from_db()
    assert card.text.startswith("Train for a trek")


def test_a_card_linking_to_a_missing_page_is_reported_with_file_and_line(content_copy):
    promotions = content_copy / "promotions.yaml"
    text = promotions.read_text().replace("link_page: /about/trekking-training/", "link_page: /about/no-such-page/")
    promotions.write_text(text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "/about/no-such-page/" in row)
    with pytest.raises(ContentError) as error:
        load(content_copy)
    assert str(error.value).startswith(f"content/promotions.yaml:{line}:")
    assert "no page at /about/no-such-page/" in str(error.value)
    assert not PromoCard.objects.exists()  # all or nothing


def test_a_set_naming_an_unknown_card_is_reported(content_copy):
    promotions = content_copy / "promotions.yaml"
    promotions.write_text(promotions.read_text().replace("      - Influencing policy\n", "      - No such card\n"))
    with pytest.raises(ContentError, match="there is no card 'No such card'"):
        load(content_copy)
