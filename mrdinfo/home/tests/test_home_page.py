"""The home page: what a parent sees first."""

import pytest

from mrdinfo.testing.html import comes_before, select_one


@pytest.mark.django_db
def test_home_page_shows_hero_and_body(client, page_tree):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Understanding MRD in childhood leukaemia</h1>" in html
    assert "a special test can find very few of them, but it has a limit" in html.lower()
    # Who the site's medical information is for, near the top: in the hero, after its text and
    # before the body.
    hero = select_one(response, ".hero")
    scope = select_one(hero, ".scope-note")
    body = hero.find_next_sibling("div", class_="wrapper")
    assert comes_before(select_one(hero, ".hero__text"), scope) and comes_before(scope, body)
    assert "acute lymphoblastic leukaemia (ALL) in children and young people" in html
    assert "<title>Understanding MRD in childhood leukaemia | Test Charity</title>" in html
    assert 'href="#main-content">Skip to main content' in html
