"""“Was this page helpful?”: shown on information pages, stored without personal data, spam-protected
like the contact form, a clear message for no choice, and a per-page report for editors."""

import time

import pytest
from bs4 import BeautifulSoup

from django.core import signing
from django.urls import reverse

from wagtail.models import Page

from mrdinfo.feedback.models import PageFeedback
from mrdinfo.forms import spam

pytestmark = pytest.mark.django_db

INFO_URL = "/understanding-mrd/what-is-mrd/"


@pytest.fixture
def content(site_content):
    return site_content


@pytest.fixture
def info_page(content):
    return Page.objects.get(url_path__endswith="/what-is-mrd/")


def started(seconds_ago=10):
    return signing.dumps(time.time() - seconds_ago, salt=spam.SALT)


def answer(page, **fields):
    data = {"page_id": page.pk, "form_started": started(), "website": "", **fields}
    return data


def test_the_form_is_on_information_pages(client, info_page):
    soup = BeautifulSoup(client.get(INFO_URL).content, "html.parser")
    form = soup.select_one("#page-feedback form")
    assert form["action"] == "/feedback/" and form["method"] == "post"
    assert soup.select_one("#page-feedback legend").get_text(strip=True) == "Was this page helpful?"
    assert {radio["value"] for radio in form.select("input[type=radio]")} == {"yes", "no"}
    assert form.select_one("input[name=page_id]")["value"] == str(info_page.pk)
    assert form.select_one("input[name=website]") and form.select_one("input[name=form_started]")["value"]
    # No personal data asked for.
    assert not form.select("input[type=email], input[name*=name]")


def test_an_answer_is_stored_with_its_comment_and_thanked(client, info_page):
    response = client.post("/feedback/", answer(info_page, helpful="no", comment="  The numbers confused me.  "))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one("#page-feedback-title").get_text() == "Thank you for your feedback"
    assert soup.select_one("#page-feedback a")["href"] == INFO_URL
    feedback = PageFeedback.objects.get()
    assert (feedback.page_id, feedback.helpful, feedback.comment) == (info_page.pk, False, "The numbers confused me.")


def test_no_choice_gets_a_clear_message_and_keeps_the_comment(client, info_page):
    response = client.post("/feedback/", answer(info_page, comment="Too long"))
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Please choose yes or no" in soup.select_one(".error-summary").get_text()
    assert soup.select_one("textarea[name=comment]").get_text().strip() == "Too long"
    assert soup.title.get_text().startswith("Error:")
    assert not PageFeedback.objects.exists()


def test_spam_is_not_stored(client, info_page):
    client.post("/feedback/", answer(info_page, helpful="yes", website="http://spam.example"))
    assert not PageFeedback.objects.exists()
    too_fast = client.post("/feedback/", answer(info_page, helpful="yes", form_started=started(0)))
    assert "very quickly" in too_fast.content.decode()
    forged = client.post("/feedback/", answer(info_page, helpful="yes", form_started="forged"))
    assert "send them again" in forged.content.decode()
    assert not PageFeedback.objects.exists()


def test_feedback_about_a_missing_page_is_refused(client, info_page):
    assert client.post("/feedback/", {**answer(info_page, helpful="yes"), "page_id": "999999"}).status_code == 404
    assert client.post("/feedback/", {**answer(info_page, helpful="yes"), "page_id": "abc"}).status_code == 404
    assert client.get("/feedback/").status_code == 405


def test_editors_see_counts_and_latest_comments_per_page(info_page, client, admin_client):
    for helpful, comment in [("yes", ""), ("yes", "Clear, thank you"), ("no", "Say more about relapse")]:
        client.post("/feedback/", answer(info_page, helpful=helpful, comment=comment))
    report = BeautifulSoup(admin_client.get(reverse("page_feedback_report")).content, "html.parser")
    row = report.select_one("table.listing tbody tr")
    cells = [cell.get_text(" ", strip=True) for cell in row.select("td")]
    assert cells[0] == "What is MRD?" and cells[1:3] == ["2", "1"]
    assert "Say more about relapse" in cells[3] and "Clear, thank you" in cells[3]
    detail = admin_client.get(reverse("page_feedback_detail", args=[info_page.pk])).content.decode()
    assert "2 yes, 1 no" in detail and "Say more about relapse" in detail


def test_the_report_is_for_editors_only(client, django_user_model, info_page):
    user = django_user_model.objects.create_user("visitor", password="pw-for-tests")
    client.force_login(user)
    response = client.get(reverse("page_feedback_report"))
    assert response.status_code in (302, 403)
