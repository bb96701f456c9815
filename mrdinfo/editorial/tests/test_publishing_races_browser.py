"""In Chromium, the two ways staff used to end on a red error although nothing had gone wrong,
each repeated three times:

- a clinical reviewer approves a page from its editor: the approval works, and they land on their
  dashboard (Wagtail sent them to the section's page list, which their group may not open, so the
  next screen said "Sorry, you do not have permission to access this area");
- a fundraiser types a new news story and chooses Publish at once, while autosave is still
  creating the draft: the story is published, once, with no "slug already in use" and no stray
  draft (the Publish waits for the autosave, then publishes the page it created).
"""

import datetime
import time

import pytest
from playwright.sync_api import expect

from mrdinfo.information.tests.factories import InformationPageFactory
from mrdinfo.news.models import NewsPage
from mrdinfo.news.tests.factories import NewsIndexPageFactory

from .factories import SignOffSectionFactory, StaffFactory
from .helpers import leave_editor, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Three, not the ten these began with: the held requests below make the autosave and the Publish
# meet in the worst order on every repeat, and the reviewer's landing page does not depend on
# timing, so repeats only add the ordinary variation of a loaded machine (ten cost CI 3 minutes).
REPEATS = 3
RED_ERRORS = ("do not have permission", "could not be created", "could not be saved", "already in use")


def assert_no_red_error(tab):
    messages = tab.locator(".messages").all_inner_texts()
    for text in messages:
        for error in RED_ERRORS:
            assert error not in text.lower(), f"{tab.url}: {text}"
    expect(tab.locator(".messages .error")).to_have_count(0)


def submit_in_the_editor(tab, live_server, page, summary):
    """What an editor does: change the summary, then More actions → Submit to Clinical sign-off."""
    tab.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
    tab.locator("#id_summary").fill(summary)
    tab.locator("footer").get_by_role("button", name="More actions").click()
    tab.get_by_role("button", name="Submit to Clinical sign-off").click()
    expect(tab.get_by_text("has been submitted for moderation")).to_be_visible()


def test_a_reviewer_approving_from_the_editor_lands_on_their_dashboard(home_page, live_server, browser_page, chromium):
    hub = SignOffSectionFactory(parent=home_page)
    StaffFactory.create_team()
    pages = [hub.information_page] + [
        InformationPageFactory(parent=hub, title=f"Medical page {n}") for n in range(1, REPEATS)
    ]

    editor_context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    try:
        editor = editor_context.new_page()
        log_in(editor, live_server, "edna")
        for number, page in enumerate(pages):
            submit_in_the_editor(editor, live_server, page, f"A clearer summary, number {number}.")
        leave_editor(editor)
    finally:
        editor_context.close()

    reviewer = browser_page
    log_in(reviewer, live_server, "rita")
    for number, page in enumerate(pages):
        reviewer.goto(f"{live_server.url}/admin/pages/{page.pk}/edit/")
        reviewer.locator("footer").get_by_role("button", name="More actions").click()
        reviewer.locator("footer").get_by_role("button", name="Approve", exact=True).click()
        reviewer.wait_for_url(f"{live_server.url}/admin/")
        expect(reviewer.locator(".messages")).to_contain_text(f"'{page.title}' has been updated")
        assert_no_red_error(reviewer)
        page.refresh_from_db()
        assert page.live and page.summary == f"A clearer summary, number {number}."
        assert page.clinical_reviewer_name == "Dr Rita Reviewer"
        assert page.clinically_reviewed_on == datetime.date.today()
    # Nothing is left awaiting review.
    expect(reviewer.get_by_role("heading", name="Awaiting your review")).to_have_count(0)
    leave_editor(reviewer)


def test_publishing_a_new_story_while_autosave_creates_it_publishes_it_once(home_page, live_server, browser_page):
    news = NewsIndexPageFactory(parent=home_page)
    StaffFactory.create_team()  # after the section exists: Fundraising is given News
    tab = browser_page
    autosaves, publishes = [], []
    released = {"publishes": False}

    def hold(route, request):
        # Hold the create view's answers so the two requests meet in the worst order, every
        # time: the autosave (a JSON request) creates the draft while the Publish is on its way.
        # Once the draft exists a Publish goes straight through: with the fix it is only sent
        # after the autosave has answered, which on a loaded machine can be after the test
        # let the held ones go.
        if request.method != "POST":
            route.continue_()
        elif "application/json" in (request.headers.get("accept") or ""):
            autosaves.append(route)
        elif released["publishes"]:
            route.continue_()
        else:
            publishes.append(route)

    tab.route("**/admin/pages/add/**", hold)
    # The editor starts watching for edits a moment after it loads; a person types after that.
    tab.add_init_script("document.addEventListener('w-unsaved:watch-edits', () => { window.watchingEdits = true; });")
    log_in(tab, live_server, "fred")
    for number in range(REPEATS):
        title = f"Our bake sale raised money, part {number}"
        autosaves.clear()
        publishes.clear()
        released["publishes"] = False
        tab.goto(f"{live_server.url}/admin/pages/add/news/newspage/{news.pk}/")
        tab.wait_for_function("() => window.watchingEdits === true")
        tab.locator("#id_title").fill(title)
        tab.locator("#id_summary").fill("Thank you to everyone who baked and bought.")
        tab.get_by_role("button", name="Insert a block").first.click()
        tab.get_by_role("option", name="Text").first.click()
        tab.locator(".public-DraftEditor-content").first.fill("The sale raised money for research.")
        deadline = time.monotonic() + 10
        while not autosaves:
            assert time.monotonic() < deadline, "autosave did not start"
            tab.wait_for_timeout(50)
        tab.locator("footer").get_by_role("button", name="More actions").click()
        tab.locator("footer").get_by_role("button", name="Publish").click(no_wait_after=True)
        tab.wait_for_timeout(300)  # a Publish sent at once is on its way (and held) by now
        for route in autosaves:
            route.continue_()
        deadline = time.monotonic() + 10
        while not NewsPage.objects.filter(title=title).exists():
            assert time.monotonic() < deadline, "autosave did not create the draft"
            tab.wait_for_timeout(50)
        tab.wait_for_timeout(200)
        released["publishes"] = True
        for route in publishes:
            route.continue_()
        # Before the fix this was the same form again: "The page could not be created due to
        # validation errors" (the slug is already in use), with a stray draft left behind.
        expect(tab.locator(".messages")).to_contain_text(f"'{title}' has been published")
        tab.wait_for_url(f"{live_server.url}/admin/pages/{news.pk}/")
        assert_no_red_error(tab)
        stories = NewsPage.objects.filter(title=title)
        assert stories.count() == 1 and stories.get().live and not stories.get().has_unpublished_changes
    assert NewsPage.objects.filter(live=False).count() == 0
    leave_editor(tab)
