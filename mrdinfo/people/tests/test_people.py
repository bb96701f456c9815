"""A people page (e.g. Our ambassadors) lists the people the editor chose, in that order, each
with photo (and its alt text), role and bio, in a fixed number of queries."""

import pytest
from bs4 import BeautifulSoup

from mrdinfo.core.measuring.budgets import PAGE_QUERY_BUDGET
from mrdinfo.core.measuring.queries import count_queries
from mrdinfo.people.models import PeoplePage, PeoplePagePerson, Person
from mrdinfo.testing.images import make_image
from mrdinfo.testing.site import configure_site, make_general_page

pytestmark = pytest.mark.django_db


def make_people_page(parent, people):
    page = PeoplePage(title="Our ambassadors", summary="Who speaks up with us.", body=[])
    page.people = [PeoplePagePerson(person=person, sort_order=i) for i, person in enumerate(people)]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_people(count):
    return [
        Person.objects.create(
            role=f"Role {n}",
            bio=f"Bio {n}.",
            photo=make_image(f"Person {n}", alt=f"Drawing {n}"),
        )
        for n in range(count)
    ]


def test_people_are_listed_in_the_editors_order_with_photo_role_and_bio(client, home_page):
    configure_site(home_page)
    about = make_general_page(home_page, "About us")
    first, second = make_people(2)
    second.name = "Sample Name"
    second.save()
    page = make_people_page(about, [second, first])
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    people = soup.select(".person")
    assert [p.h2.get_text(strip=True) for p in people] == ["Sample Name", "Role 0"]
    assert people[0].select_one(".person__role").get_text(strip=True) == "Role 1"
    assert people[1].select_one(".person__role") is None  # no name: the role is the heading
    assert [p.img["alt"] for p in people] == ["Drawing 1", "Drawing 0"]
    assert people[1].select_one(".person__bio").get_text(strip=True) == "Bio 0."


def test_a_people_page_costs_the_same_queries_for_2_or_10_people(client, home_page):
    configure_site(home_page)
    about = make_general_page(home_page, "About us")
    people = make_people(10)
    few = make_people_page(about, people[:2])
    few.slug = "few"
    few.save_revision().publish()
    many = make_people_page(about, people)
    results = []
    for page in (few, many):
        client.get(page.url)
        queries, response = count_queries(client, page.url)
        results.append(queries)
    assert results[0] == results[1] <= PAGE_QUERY_BUDGET
