"""The events index: upcoming by date, filters that narrow and combine, a past archive, pages
of results, and bad query strings that never break it."""

import factory
import pytest
from bs4 import BeautifulSoup

from mrdinfo.core.measuring.budgets import PAGE_QUERY_BUDGET, PAGE_WEIGHT_BUDGET
from mrdinfo.core.measuring.queries import count_queries
from mrdinfo.core.measuring.weight import page_weight
from mrdinfo.events.listing import PER_PAGE
from mrdinfo.events.tests.factories import EventIndexPageFactory, EventPageFactory, EventRegionFactory, EventTypeFactory
from mrdinfo.testing.factories import ImageFactory

pytestmark = pytest.mark.django_db


def titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [h.get_text(strip=True) for h in soup.select(".event-list .event-card__title")]


def result_heading(response):
    soup = BeautifulSoup(response.content, "html.parser")
    heading = soup.find(id="event-results")
    assert heading.parent.get("role") == "status"  # announced to screen-reader users
    return heading.get_text(" ", strip=True)


@pytest.fixture
def events(page_tree):
    types, regions = EventTypeFactory.create_all(), EventRegionFactory.create_all()
    index = EventIndexPageFactory(parent=page_tree["home"])
    made = {
        "gala": EventPageFactory(
            parent=index, title="Winter gala", days_from_now=40, event_type=types["gala"], region=regions["scotland"]
        ),
        "run": EventPageFactory(
            parent=index, title="Park run", days_from_now=5, event_type=types["run"], region=regions["london"]
        ),
        "trek": EventPageFactory(
            parent=index, title="Mountain trek", days_from_now=20, event_type=types["trek"], region=regions["wales"]
        ),
        "run2": EventPageFactory(
            parent=index, title="Welsh 10K", days_from_now=60, event_type=types["run"], region=regions["wales"]
        ),
        "old": EventPageFactory(
            parent=index, title="Old run", days_from_now=-30, event_type=types["run"], region=regions["london"]
        ),
        "older": EventPageFactory(
            parent=index, title="Older gala", days_from_now=-90, event_type=types["gala"], region=regions["london"]
        ),
    }
    return index, made


def test_index_lists_upcoming_events_in_date_order(client, events):
    response = client.get("/events/")
    assert response.status_code == 200
    assert titles(response) == ["Park run", "Mountain trek", "Winter gala", "Welsh 10K"]
    assert result_heading(response) == "4 upcoming events"


def test_each_filter_narrows_and_they_combine(client, events):
    assert titles(client.get("/events/?type=run")) == ["Park run", "Welsh 10K"]
    assert titles(client.get("/events/?region=wales")) == ["Mountain trek", "Welsh 10K"]
    assert titles(client.get("/events/?type=run&region=wales")) == ["Welsh 10K"]
    month = events[1]["trek"].local_start.strftime("%Y-%m")
    by_month = titles(client.get(f"/events/?month={month}"))
    assert "Mountain trek" in by_month and "Welsh 10K" not in by_month
    response = client.get("/events/?type=run&region=wales")
    assert result_heading(response) == "1 upcoming event matches your choices"


def test_the_form_keeps_the_chosen_filters_and_labels_each_one(client, events):
    soup = BeautifulSoup(client.get("/events/?type=run&region=wales").content, "html.parser")
    form = soup.find("form", class_="event-filters")
    assert form["method"] == "get"
    for name in ("type", "region", "month"):
        select = form.find("select", attrs={"name": name})
        assert soup.find("label", attrs={"for": select["id"]}).get_text(strip=True)
    assert form.find("select", attrs={"name": "type"}).find("option", selected=True)["value"] == "run"
    assert form.find("select", attrs={"name": "region"}).find("option", selected=True)["value"] == "wales"
    # The month list offers only months that have upcoming events.
    months = [o["value"] for o in form.find("select", attrs={"name": "month"}).find_all("option") if o["value"]]
    assert events[1]["run"].local_start.strftime("%Y-%m") in months


def test_no_match_says_so_and_offers_the_full_list(client, events):
    response = client.get("/events/?type=virtual")
    assert titles(response) == []
    assert "No events match all of your choices" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "type=unknown",
        "region=<script>",
        "month=2026-13",
        "month=junk",
        "page=-1",
        "page=abc",
        "page=99999999999999999999999",
        "type=%00%ff",
        "type=" + "x" * 10_000,
        "month=" + "9" * 10_000 + "&region=" + "é" * 3000,
    ],
)
def test_bad_query_strings_give_the_unfiltered_list(client, events, query):
    response = client.get(f"/events/?{query}")
    assert response.status_code == 200
    assert titles(response) == ["Park run", "Mountain trek", "Winter gala", "Welsh 10K"]


def test_a_bad_value_beside_a_good_one_keeps_the_good_one(client, events):
    response = client.get("/events/?type=run&region=atlantis")
    assert titles(response) == ["Park run", "Welsh 10K"]
    assert "could not use the region" in response.content.decode()


def test_pages_of_results_keep_the_filters(client, events):
    index = events[0]
    for day in range(PER_PAGE + 2):
        EventPageFactory(
            parent=index, title=f"Extra run {day:02d}", days_from_now=100 + day, event_type=events[1]["run"].event_type
        )
    first = client.get("/events/?type=run")
    assert len(titles(first)) == PER_PAGE
    soup = BeautifulSoup(first.content, "html.parser")
    next_link = soup.find("a", rel="next")["href"]
    assert next_link == "?type=run&page=2"
    second = client.get("/events/" + next_link)
    assert titles(second) == ["Extra run 08", "Extra run 09", "Extra run 10", "Extra run 11"]
    assert "(page 2 of 2)" in result_heading(second)
    # Out of range: the nearest page, not an error.
    assert titles(client.get("/events/?type=run&page=50")) == titles(second)
    assert titles(client.get("/events/?type=run&page=0")) == titles(first)


def test_past_events_archive_shows_past_events_most_recent_first(client, events):
    response = client.get("/events/past/")
    assert response.status_code == 200
    assert titles(response) == ["Old run", "Older gala"]
    assert titles(client.get("/events/past/?type=gala")) == ["Older gala"]
    html = response.content.decode()
    assert "This event has finished" in html


def test_a_finished_event_page_says_so(client, events):
    html = client.get(events[1]["old"].url).content.decode()
    assert "This event has finished" in html
    assert "Register" not in BeautifulSoup(html, "html.parser").main.get_text()


def test_cancelled_and_postponed_are_shown_in_the_listing_and_at_the_top_of_the_page(client, events):
    index = events[0]
    cancelled = EventPageFactory(parent=index, title="Cake sale", days_from_now=8, status="cancelled")
    moved_from = events[1]["run"].start
    postponed = EventPageFactory(
        parent=index, title="Swim", days_from_now=50, status="postponed", previous_start=moved_from
    )
    soup = BeautifulSoup(client.get("/events/").content, "html.parser")
    cards = {card.h3.get_text(strip=True): card for card in soup.select(".event-card")}
    assert cards["Cake sale"].find(class_="event-status").get_text(strip=True) == "Cancelled"
    assert cards["Swim"].find(class_="event-status").get_text(strip=True).startswith("Postponed from")
    for event, words in ((cancelled, "This event has been cancelled"), (postponed, "This event has been postponed")):
        page = BeautifulSoup(client.get(event.url).content, "html.parser")
        main = page.main
        first_block = main.find(class_="event-notice")
        assert first_block.get_text(" ", strip=True).startswith(words)
        # …at the top: before the page's heading.
        assert first_block.find_next("h1") is not None
    postponed_page = client.get(postponed.url).content.decode()
    assert f"It was going to be on {postponed.previous_when}" in postponed_page


def create_numbered_events(index, count, with_images=False):
    """`count` events a day apart ("Event 000"...), of each type and in each region in turn."""
    types, regions = EventTypeFactory.create_all(), EventRegionFactory.create_all()
    pictures = factory.Iterator(
        range(count), getter=lambda number: ImageFactory(title=f"Picture {number}", colour=(number % 255, 90, 112))
    )
    return EventPageFactory.create_numbered_batch(
        count,
        parent=index,
        event_type=factory.Iterator(types.values()),
        region=factory.Iterator(regions.values()),
        image=pictures if with_images else None,
        revision=False,  # live without a revision: quicker, and the index reads only live pages
    )


@pytest.mark.parametrize(
    ("url", "with_images"),
    [("/events/", True), ("/events/?type=run&region=london", False), ("/events/past/", False)],
)
def test_index_queries_do_not_grow_with_the_number_of_events(client, page_tree, url, with_images):
    """Card pictures, types and regions come in a fixed number of queries, not one per card."""
    from mrdinfo.events.models import EventPage

    index = EventIndexPageFactory(parent=page_tree["home"])
    create_numbered_events(index, 5, with_images)
    count_queries(client, url)  # warm: renditions made once (and past the page cache, as counted)
    few, response = count_queries(client, url)
    assert response.status_code == 200
    create_numbered_events(index, 95, with_images)
    assert EventPage.objects.count() == 100
    count_queries(client, url)
    many, response = count_queries(client, url)
    assert response.status_code == 200
    print(f"{url}: {many} queries")
    assert few == many, (few, many)
    assert many <= PAGE_QUERY_BUDGET


def test_index_and_event_page_within_weight_budget(client, events):
    for url in ("/events/", "/events/past/", events[1]["run"].url):
        sizes = page_weight(client, url)
        assert "/static/events/events.css" in sizes
        assert sizes["total"] < PAGE_WEIGHT_BUDGET, (url, sizes)


def test_a_type_an_editor_renames_shows_in_the_filter_at_once(client, events, django_capture_on_commit_callbacks):
    from mrdinfo.events.models import EventType

    def type_options():
        soup = BeautifulSoup(client.get("/events/").content, "html.parser")
        return [o.get_text() for o in soup.find("select", attrs={"name": "type"}).find_all("option")]

    assert "Run" in type_options()  # fills the cached choices
    with django_capture_on_commit_callbacks(execute=True):
        EventType.objects.filter(slug="run").update(name="Running")  # no signal: the cache still says "Run"
        assert "Running" not in type_options()
        EventType.objects.get(slug="run").save()
    labels = type_options()
    assert "Running" in labels and "Run" not in labels


def test_an_event_page_is_within_the_query_budget_whatever_it_holds(client, events):
    """Picture (every size and the share size), type, region, questions and answers, registration."""
    from mrdinfo.events.models import EventFAQ
    from mrdinfo.events.tests.factories import REGISTRATION_QUESTIONS

    types, regions = EventTypeFactory.create_all(), EventRegionFactory.create_all()
    event = EventPageFactory(
        parent=events[0],
        title="Full event",
        days_from_now=9,
        image=ImageFactory(title="Runners"),
        event_type=types["run"],
        region=regions["london"],
        form_fields=REGISTRATION_QUESTIONS,
    )
    event.faqs = [EventFAQ(question=f"Question {n}?", answer="<p>Yes.</p>", sort_order=n) for n in range(6)]
    event.save_revision().publish()
    client.get(event.url)
    queries, response = count_queries(client, event.url)
    assert response.status_code == 200 and "Question 5?" in response.content.decode()
    assert queries <= PAGE_QUERY_BUDGET, queries
