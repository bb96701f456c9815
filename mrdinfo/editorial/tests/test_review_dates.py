"""Review dates: the dashboard panel, the report (filters, CSV) and the reviewers' digest."""

import csv
import datetime
import io
import re

import pytest

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from mrdinfo.information.tests.factories import InformationPageFactory

from .factories import SignOffSectionFactory, StaffFactory
from .helpers import submit_for_sign_off, years_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    """Under one hub: a page overdue (updated three years ago), one due in ten days, one fresh."""
    hub = SignOffSectionFactory(parent=home_page, information_page__last_updated=datetime.date.today())
    today = datetime.date.today()
    overdue = InformationPageFactory(parent=hub, title="Remission explained", last_updated=years_ago(3))
    due_soon = InformationPageFactory(
        parent=hub, title="The MRD test", last_updated=years_ago(1), next_review_due=today + datetime.timedelta(days=10)
    )
    fresh = InformationPageFactory(parent=hub, title="Questions to ask", last_updated=today)
    return {"hub": hub, "overdue": overdue, "due_soon": due_soon, "fresh": fresh, **StaffFactory.create_team()}


def dashboard_panel(client):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    match = re.search(r'id="review-dates-section".*?</section>', html, re.S)
    assert match, "the review dates panel is not on the dashboard"
    return match.group(0)


def test_dashboard_panel_lists_overdue_and_due_pages_not_fresh_ones(pages, client):
    client.force_login(pages["editor"])
    panel = dashboard_panel(client)
    assert "Remission explained" in panel and "Overdue since" in panel
    assert "The MRD test" in panel
    assert "Questions to ask" not in panel and "What is MRD?" not in panel


def test_fundraising_do_not_get_the_review_dates_panel_or_report(pages, client):
    client.force_login(pages["fundraiser"])
    assert 'id="review-dates-section"' not in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(reverse("editorial_review_dates")).status_code in (302, 403)


def test_report_filters_by_status_and_reviewer(pages, client):
    submit_for_sign_off(pages["fresh"], pages["editor"]).current_task_state.approve(user=pages["reviewer"])
    client.force_login(pages["reviewer"])
    url = reverse("editorial_review_dates")
    everything = client.get(url).content.decode()
    for title in ("Understanding MRD", "What is MRD?", "Remission explained", "The MRD test", "Questions to ask"):
        assert title in everything
    overdue = client.get(url, {"status": "overdue"}).content.decode()
    assert "Remission explained" in overdue and "The MRD test" not in overdue and "Questions to ask" not in overdue
    by_reviewer = client.get(url, {"reviewer": "rita"}).content.decode()
    assert "Questions to ask" in by_reviewer and "Remission explained" not in by_reviewer


def test_report_exports_csv(pages, client):
    submit_for_sign_off(pages["fresh"], pages["editor"]).current_task_state.approve(user=pages["reviewer"])
    client.force_login(pages["editor"])
    response = client.get(reverse("editorial_review_dates"), {"export": "csv"})
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    by_title = {row["Page"]: row for row in rows}
    assert by_title["Remission explained"]["Review status"] == "Overdue"
    assert by_title["The MRD test"]["Review status"] == "Due in the next 30 days"
    assert by_title["Questions to ask"]["Clinical reviewer"] == "Dr Rita Reviewer"
    assert by_title["Questions to ask"]["Clinically reviewed on"] == datetime.date.today().isoformat()
    assert by_title["Remission explained"]["Clinical reviewer"] == ""


def test_digest_emails_each_reviewer_their_due_pages(pages):
    # Rita signed off "Remission explained" (and it has since fallen due again); nobody has
    # signed off "The MRD test". A second reviewer, Omar, signed off nothing.
    overdue = pages["overdue"]
    submit_for_sign_off(overdue, pages["editor"]).current_task_state.approve(user=pages["reviewer"])
    overdue.refresh_from_db()
    overdue.next_review_due = datetime.date.today() + datetime.timedelta(days=5)
    overdue.save_revision().publish()
    omar = StaffFactory(username="omar", group="Clinical reviewers", first_name="Omar", last_name="Other")
    mail.outbox.clear()  # Wagtail's own workflow notifications

    out = io.StringIO()
    call_command("send_review_digests", stdout=out)
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {"rita@example.org", "omar@example.org"}, out.getvalue()
    rita, omar_mail = sent["rita@example.org"].body, sent["omar@example.org"].body
    assert "Remission explained" in rita and "The MRD test" in rita
    assert "last signed off by Dr Rita Reviewer" in rita
    assert "The MRD test" in omar_mail and "Remission explained" not in omar_mail
    for body in (rita, omar_mail):
        assert "Questions to ask" not in body and "What is MRD?" not in body
        assert f"/admin/pages/{pages['due_soon'].pk}/edit/" in body
    assert sent["omar@example.org"].subject == "1 medical page due for clinical review"
    assert omar.email in out.getvalue() and "2 sent, 0 failed" in out.getvalue()


def test_digest_sends_nothing_when_nothing_is_due(home_page):
    SignOffSectionFactory(parent=home_page, information_page__last_updated=datetime.date.today())
    StaffFactory.create_team()
    out = io.StringIO()
    call_command("send_review_digests", stdout=out)
    assert mail.outbox == [] and "0 sent" in out.getvalue()


def report_rows(response):
    """The report's table as the reviewer reads it: one dict of column heading → text a row."""
    from mrdinfo.testing.html import select

    headings = [" ".join(th.get_text().split()) for th in select(response, "table thead th")]
    rows = []
    for tr in select(response, "table tbody tr"):
        cells = [" ".join(td.get_text().split()) for td in tr.find_all("td", recursive=False)]
        rows.append(dict(zip(headings, cells, strict=False)))
    return rows


def test_report_shows_real_dates_overdue_and_due_soon_first_with_the_reviewer(pages, client):
    today = datetime.date.today()
    submit_for_sign_off(pages["fresh"], pages["editor"]).current_task_state.approve(user=pages["reviewer"])
    client.force_login(pages["reviewer"])
    rows = report_rows(client.get(reverse("editorial_review_dates")))
    titles = [row["Page"] for row in rows]
    # Overdue first, then due soon, then the rest (soonest due first).
    assert titles[:2] == ["Remission explained", "The MRD test"], titles
    assert set(titles[2:]) == {"Understanding MRD", "What is MRD?", "Questions to ask"}
    by_title = {row["Page"]: row for row in rows}
    due = today + datetime.timedelta(days=10)
    assert by_title["The MRD test"]["Next review due"] == f"{due.day} {due:%B %Y}"
    overdue_due = years_ago(3).replace(year=years_ago(3).year + 2)
    assert by_title["Remission explained"]["Next review due"] == f"{overdue_due.day} {overdue_due:%B %Y}"
    signed = by_title["Questions to ask"]
    assert signed["Clinically reviewed on"] == f"{today.day} {today:%B %Y}"
    assert signed["Clinical reviewer"].startswith("Dr Rita Reviewer")
    assert by_title["Remission explained"]["Clinical reviewer"] == "Clinical review: pending"
    for row in rows:
        assert "ago" not in row["Next review due"] and "Just now" not in row["Next review due"]
