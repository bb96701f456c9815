"""The review line at the end of every page of the section (includes/about_this_information.html):
one calm line that says in words whether a named clinician has checked the page and when it is
next reviewed (overdue included), with the details behind a disclosure (issue 18)."""

import datetime

import pytest

from mrdinfo.information.tests.factories import CLINICAL_REVIEW, InformationPageFactory
from mrdinfo.information.tests.test_pages import html_of, review_dates
from mrdinfo.testing.html import parse, select_one, text

pytestmark = pytest.mark.django_db


def test_a_page_is_clinical_review_pending_until_a_named_clinician_signs_it_off(client, hub):
    page = InformationPageFactory(parent=hub, title="Remission", last_updated=datetime.date(2026, 11, 28))
    about = select_one(html_of(client, page), "section.about-information")
    # The one line says it, outside the folded details; the details say what it means.
    assert text(about, "p.review-line .review-status") == "Clinical review: pending."
    assert about.select("details .review-status") == []
    assert "No doctor has checked this page yet." in text(about, "details .about-information__more")
    assert "Clinically reviewed" not in text(about)
    # First published is the day the page first went live.
    page.refresh_from_db()
    published = page.first_published_at.date()
    assert review_dates(about)["First published"][0] == f"{published:%Y-%m-%d}"

    for key, value in CLINICAL_REVIEW.items():
        setattr(page, key, value)
    page.save_revision().publish()
    about = select_one(html_of(client, page), "section.about-information")
    assert "Clinical review: pending" not in text(about)
    # The line names the clinician and the day; the details add their role.
    status = select_one(about, "p.review-line .review-status")
    assert text(status) == "Clinically reviewed by Dr Test Reviewer on 1 February 2026."
    assert select_one(status, "time")["datetime"] == "2026-02-01"
    detail = select_one(about, "details .review-status-detail")
    assert text(detail) == (
        "Clinically reviewed by Dr Test Reviewer, Consultant paediatric haematologist, on 1 February 2026."
    )


def test_next_review_due_can_be_set_and_an_overdue_review_says_so(client, hub):
    page = InformationPageFactory(
        parent=hub,
        title="Old page",
        last_updated=datetime.date(2020, 3, 1),
        next_review_due=datetime.date(2021, 3, 1),
    )
    html = html_of(client, page)
    assert '<time datetime="2021-03-01">1 March 2021</time>' in html
    # In words on the one line a parent sees without opening anything, and in the details.
    line = select_one(parse(html), "section.about-information p.review-line")
    assert text(line, ".review-line__overdue") == "Overdue: this page is being checked again."
    assert "Next review due: 1 March 2021." in text(line)
    assert "Overdue: this page is being checked again." in text(parse(html), "details .review-details")

    page.next_review_due = None
    page.last_updated = datetime.date.today()
    page.save_revision().publish()
    assert "Overdue" not in html_of(client, page)
