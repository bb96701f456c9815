"""In Chromium: an editor edits an information page and submits it for clinical sign-off; a
clinical reviewer approves it from their dashboard; the public page then names the reviewer and
gives the date."""

import datetime

import pytest
from playwright.sync_api import expect

from .factories import SignOffSectionFactory, StaffFactory
from .helpers import leave_editor, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_SUMMARY = "MRD means the few leukaemia cells that can be left after treatment starts."


def test_editor_submits_reviewer_approves_page_shows_review(home_page, live_server, browser_page, chromium):
    page = SignOffSectionFactory(parent=home_page).information_page
    StaffFactory.create_team()
    edit_url = f"{live_server.url}/admin/pages/{page.pk}/edit/"

    # The editor changes the summary and submits the page for sign-off.
    editor = browser_page
    log_in(editor, live_server, "edna")
    editor.goto(edit_url)
    summary = editor.locator("#id_summary")
    summary.fill(NEW_SUMMARY)
    expect(editor.get_by_role("button", name="Publish")).to_have_count(0)
    editor.locator("footer").get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name="Submit to Clinical sign-off").click()
    expect(editor.get_by_text("has been submitted for moderation")).to_be_visible()
    leave_editor(editor)
    page.refresh_from_db()
    assert page.summary != NEW_SUMMARY  # not live until a clinician approves

    # The reviewer approves it from "Awaiting your review" on their dashboard.
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    try:
        reviewer = context.new_page()
        log_in(reviewer, live_server, "rita")
        row = reviewer.locator("tr", has_text="What is MRD?").filter(has=reviewer.get_by_role("button", name="Actions"))
        row.get_by_role("button", name="Actions").click()
        row.get_by_role("button", name="Approve", exact=True).click()
        # The dashboard reloads without the task: nothing is left awaiting review.
        expect(row).to_have_count(0)
        expect(reviewer.get_by_role("heading", name="Awaiting your review")).to_have_count(0)
    finally:
        context.close()

    # Anyone now sees the new summary, the reviewer, their role and today's date.
    visitor_context = chromium.new_context(locale="en-GB")
    try:
        visitor = visitor_context.new_page()
        visitor.goto(live_server.url + page.url)
        # The review line names the clinician and the day; its details (a tap) add their role.
        review = visitor.locator(".review-line .review-status")
        today = datetime.date.today()
        expect(review).to_have_text(f"Clinically reviewed by Dr Rita Reviewer on {today.day} {today:%B %Y}.")
        visitor.get_by_text("Sources and review details").click()
        expect(visitor.locator(".review-status-detail")).to_contain_text(
            "Clinically reviewed by Dr Rita Reviewer, Consultant paediatric haematologist"
        )
        expect(visitor.get_by_text(NEW_SUMMARY).first).to_be_visible()
        expect(visitor.get_by_text("Clinical review: pending")).to_have_count(0)
    finally:
        visitor_context.close()
