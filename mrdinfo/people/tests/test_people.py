"""A people page (e.g. Our ambassadors) lists the people the editor chose, in that order, each
with photo (and its alt text), role and bio, in a fixed number of queries."""

import pytest
from bs4 import BeautifulSoup

from mrdinfo.core.measuring.budgets import PAGE_QUERY_BUDGET
from mrdinfo.core.measuring.queries import count_queries
from mrdinfo.people.tests.factories import PeoplePageFactory, PersonFactory
from mrdinfo.testing.factories import GeneralPageFactory
from mrdinfo.testing.site import configure_site

pytestmark = pytest.mark.django_db


def test_people_are_listed_in_the_editors_order_with_photo_role_and_bio(client, home_page):
    configure_site(home_page)
    about = GeneralPageFactory(parent=home_page, title="About us")
    first, second = PersonFactory.create_numbered_batch(2)
    second.name = "Sample Name"
    second.save()
    page = PeoplePageFactory(parent=about, people=[second, first])
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    people = soup.select(".person")
    assert [p.h2.get_text(strip=True) for p in people] == ["Sample Name", "Role 0"]
    assert people[0].select_one(".person__role").get_text(strip=True) == "Role 1"
    assert people[1].select_one(".person__role") is None  # no name: the role is the heading
    assert [p.img["alt"] for p in people] == ["Drawing 1", "Drawing 0"]
    assert people[1].select_one(".person__bio").get_text(strip=True) == "Bio 0."


def test_a_people_page_costs_the_same_queries_for_2_or_10_people(client, home_page):
    configure_site(home_page)
    about = GeneralPageFactory(parent=home_page, title="About us")
    people = PersonFactory.create_numbered_batch(10)
    few = PeoplePageFactory(parent=about, people=people[:2])
    few.slug = "few"
    few.save_revision().publish()
    many = PeoplePageFactory(parent=about, people=people)
    results = []
    for page in (few, many):
        client.get(page.url)
        queries, response = count_queries(client, page.url)
        results.append(queries)
    assert results[0] == results[1] <= PAGE_QUERY_BUDGET
