"""The private results diary in a real browser (Chromium), on the site's own "Reading your child's
MRD result" page: three readings kept with their dates and notes come back after a reload in date
order, on one scale; "Print these results" prints them alone on one page; deleting them takes a
second tap; and no request ever carries a kept result. Without JavaScript none of it is shown."""

import io

import pytest
from bs4 import BeautifulSoup

from mrdinfo.explainer import numbers, reader
from mrdinfo.testing.browser import assert_no_axe_violations, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE = "/understanding-mrd/reading-mrd-results/"
DIARY = "[data-results-diary]"
NOTE = "bone marrow test, note 7Q"
# Kept out of date order: the diary sorts them.
READINGS = [
    ("0.1%", "2026-11-02", f"{NOTE} second", "1 in 1,000 cells of the sample"),
    ("1E-04", "2026-10-05", f"{NOTE} first", "1 in 10,000 cells of the sample"),
    ("<0.01%", "2026-12-01", "", "Fewer than 1 in 10,000 cells of the sample"),
]
RECORD_PRINT = "window.print = () => { window.__printed = (window.__printed || 0) + 1; };"


@pytest.fixture
def base(live_server, site_content):
    return live_server.url


def read_and_keep(page, typed, date, note):
    field = page.get_by_label("The result, as it is written on the report")
    field.fill(typed)
    field.press("Enter")
    keep = page.locator("[data-results-diary-keep]")
    # This answer is in place (its title quotes what was typed) and offers to keep it.
    page.wait_for_function(
        """t => document.querySelector('.result-reader__answer-title')?.textContent === `What “${t}” means`
               && !document.querySelector('[data-results-diary-keep]').hidden""",
        arg=typed,
    )
    keep.get_by_label("Date of the test").fill(date)
    keep.get_by_label("A note for yourself (optional)").fill(note)
    keep.get_by_role("button", name="Keep this result on this phone").click()
    page.wait_for_function("() => document.querySelector('[data-results-diary-keep]').hidden")


def test_kept_results_come_back_in_date_order_print_alone_and_are_wiped(base, browser_page):
    page = browser_page
    requests = []
    page.on("request", lambda request: requests.append((request.method, request.url, request.post_data or "")))
    page.add_init_script(RECORD_PRINT)
    page.goto(base + PAGE)
    page.wait_for_selector("[data-result-reader].is-enhanced")
    # Nothing to keep before a result is read.
    assert not page.locator("[data-results-diary-keep]").is_visible()
    assert not page.locator("[data-results-diary-kept]").is_visible()

    for typed, date, note, _words in READINGS:
        read_and_keep(page, typed, date, note)
        page.wait_for_function(
            "w => document.querySelector('[data-results-diary-status]').textContent.includes(w)", arg=_words
        )
    keep_before_answer = page.locator("[data-results-diary-keep]")
    assert not keep_before_answer.is_visible()  # kept: the form has gone until the next answer

    page.reload()
    entries = page.locator("[data-results-diary-entries] > li")
    entries.first.wait_for()
    assert entries.count() == 3
    in_order = sorted(READINGS, key=lambda reading: reading[1])
    for entry, (typed, _date, note, words) in zip(entries.all(), in_order, strict=True):
        assert entry.locator(".results-diary__words").text_content() == words
        assert entry.locator(".results-diary__typed").text_content() == f"Typed as: {typed}"
        assert (entry.locator(".results-diary__note").text_content() if note else "") == (
            f"Your note: {note}" if note else ""
        )
    assert [entry.locator("time").get_attribute("datetime") for entry in entries.all()] == [
        "2026-10-05",
        "2026-11-02",
        "2026-12-01",
    ]
    assert entries.first.locator("time").text_content() == "5 October 2026"
    # One scale: 1 in 10,000 sits to the right of 1 in 1,000; "fewer than" has its arrow.
    markers = [entry.locator(".results-diary__marker") for entry in entries.all()]
    x = [marker.bounding_box()["x"] for marker in markers]
    assert x[1] < x[0] and abs(x[2] - x[0]) < 1, x
    assert [marker.get_attribute("data-step") for marker in markers] == ["6", "4", "6"]
    assert "results-diary__marker--or-fewer" in markers[2].get_attribute("class")
    assert "results-diary__marker--or-fewer" not in markers[0].get_attribute("class")
    kept = page.locator("[data-results-diary-kept]")
    assert "lost if its data is cleared" in kept.text_content()
    assert_no_axe_violations(page)
    save_screenshot(page, "results-diary-1280")

    # Print: the summary alone, with the date it was printed and the line that it is not advice.
    page.get_by_role("button", name="Print these results").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    summary = page.locator(".results-diary-print")
    assert summary.is_visible()
    assert summary.locator("li").count() == 3
    assert "Printed on " in summary.text_content() and "This is not medical advice." in summary.text_content()
    for hidden in ("main", "header", "footer", ".skip-link"):
        assert not page.locator(hidden).first.is_visible(), hidden
    visible_outside = page.evaluate(
        """() => {
             const summary = document.querySelector('.results-diary-print');
             return [...document.body.querySelectorAll('*')]
               .filter(e => !e.closest('.results-diary-print') && !e.contains(summary)
                            && e.checkVisibility() && e.getBoundingClientRect().height > 0).length;
           }"""
    )
    assert visible_outside == 0
    save_screenshot(page, "results-diary-print")
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1
    assert "1 in 1,000 cells of the sample" in pdf.pages[0].extract_text()
    page.emulate_media(media="screen")
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert page.locator(".results-diary-print").count() == 0

    # At 320 px the diary's controls fit and are big enough to tap.
    page.set_viewport_size({"width": 320, "height": 568})
    for button in page.locator(f"{DIARY} button:visible").all():
        box = button.bounding_box()
        assert box["height"] >= 44 and box["x"] >= 0 and box["x"] + box["width"] <= 320, button.text_content()
    for entry in entries.all():
        box = entry.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    save_screenshot(page, "results-diary-320")
    page.set_viewport_size({"width": 1280, "height": 900})

    # Deleting takes a second tap, in the page; "No" keeps everything.
    wipe = page.get_by_role("button", name="Delete all kept results")
    wipe.click()
    assert page.evaluate("document.activeElement.dataset.resultsDiaryConfirmText") == ""
    page.get_by_role("button", name="No, keep them").click()
    assert entries.count() == 3 and page.evaluate("document.activeElement.dataset.resultsDiaryWipe") == ""
    wipe.click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Yes, delete them").click()
    assert not page.locator("[data-results-diary-kept]").is_visible()
    assert page.evaluate("localStorage.getItem('mrdinfo-results-diary-v1')") is None
    page.reload()
    page.wait_for_selector("[data-result-reader].is-enhanced")
    assert page.locator("[data-results-diary-entries] > li").count() == 0

    # Nothing kept was ever sent: no POST, and no address or body with a note or a date.
    assert requests and all(method == "GET" for method, _url, _body in requests), requests
    for _method, url, body in requests:
        assert "7Q" not in url and "7Q" not in body and "2026-1" not in url, url
    assert not page.problems


def test_without_javascript_the_diary_is_not_shown(base, client, chromium):
    html = client.get(PAGE + "?result=1E-04").content.decode()
    diary = BeautifulSoup(html, "html.parser").select_one(DIARY)
    assert diary.has_attr("hidden")
    form = diary.select_one("form")
    assert form["method"] == "dialog" and not form.has_attr("action")
    answer = BeautifulSoup(html, "html.parser").select_one("[data-result-reader-answer]")
    assert (answer["data-reading-kind"], answer["data-reading-share"], answer["data-reading-comparison"]) == (
        "share",
        "1/10000",
        "exact",
    )
    # The scale's ends are the reader's own.
    assert (diary["data-scale-top"], diary["data-scale-bottom"]) == (str(reader.SCALE_TOP), str(reader.SCALE_BOTTOM))
    assert diary["data-scale-top-label"] == numbers.one_in(reader.SCALE_TOP)
    assert diary["data-scale-bottom-label"] == numbers.one_in(reader.SCALE_BOTTOM)

    context = chromium.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(base + PAGE + "?result=1E-04")
    assert page.locator("[data-result-reader-headline]").text_content() == "1 in 10,000 cells of the sample"
    assert page.locator(DIARY).bounding_box() is None
    context.close()


def test_a_question_or_an_unread_result_offers_nothing_to_keep(site_content, client):
    for typed in ("0.01", "abc"):
        html = client.get(PAGE, {"result": typed}).content.decode()
        answer = BeautifulSoup(html, "html.parser").select_one("[data-result-reader-answer]")
        assert answer["data-reading-kind"] in {"question", "not_read"}, typed
        assert not answer.has_attr("data-reading-share")
