"""The result reader's table (reader_table.py, over 120 forms from UK reports) against the three
places a parent meets it, which must agree: the pure function, the page the server answers
without JavaScript, and the script reading in the browser in Chromium, offline."""

import re
from fractions import Fraction
from html import escape

import pytest
from bs4 import BeautifulSoup, NavigableString
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from django.test import RequestFactory

from wagtail.models import Page

from mrdinfo.core.measuring.budgets import PAGE_WEIGHT_BUDGET
from mrdinfo.core.measuring.weight import weight_of
from mrdinfo.explainer.reader import reader_view
from mrdinfo.explainer.results import NotRead, Question, Reading, read_result
from mrdinfo.testing.browser import assert_no_axe_violations

from .reader_table import TABLE
from .test_browser import open_context

READER = "#result-reader"
RESULTS_PAGE = "/understanding-mrd/reading-mrd-results/"


def expected_headline(typed):
    """What the answer's headline (or error) must say, worked out from the pure function."""
    view = reader_view(read_result(typed), [], typed)
    return view["headline"] if view["ok"] else view["message"]


def test_the_table_holds_at_least_120_distinct_forms_of_every_kind():
    typed = [row[0] for row in TABLE]
    assert len(typed) >= 120 and len(set(typed)) == len(typed)
    kinds = {expected.split(" ")[0].split(":")[0] for _, expected in TABLE}
    assert kinds >= {"share", "positive", "none_found", "positive_not_quantifiable", "indeterminate"}
    assert kinds >= {"no_result", "ask", "not_read"}


@pytest.mark.parametrize(("typed", "expected"), TABLE, ids=[row[0][:40] for row in TABLE])
def test_the_pure_function_reads_each_form(typed, expected):
    assert read_result(typed).describe() == expected


def test_no_bare_number_is_ever_read_as_one_share_without_asking():
    """R1: 0.01 with no % sign could be 100 times out; it is always a question."""
    for text in ("0.01", "0.5", "<0.01", "0.0001", "0.005", "0,01"):
        answer = read_result(text)
        assert isinstance(answer, Question), text
        first, second = (choice.reading.share for choice in answer.choices)
        assert second == first * 100


@pytest.mark.parametrize("typed", [row[0] for row in TABLE if row[1].startswith("ask:")])
def test_each_choice_reads_back_as_itself_with_no_question(typed):
    for choice in read_result(typed).choices:
        assert read_result(choice.text) == choice.reading, choice.text


@given(st.text(max_size=120))
def test_any_text_gives_an_answer_and_never_raises(typed):
    answer = read_result(typed)
    assert isinstance(answer, Reading | Question | NotRead)
    if isinstance(answer, Reading) and answer.share is not None:
        assert 0 < answer.share < 1
    view = reader_view(answer, [], typed)
    assert view["summary"] and view["ask"]


@given(st.integers(min_value=1, max_value=9), st.integers(min_value=1, max_value=8))
def test_the_same_share_reads_the_same_in_every_notation(mantissa, power):
    share = Fraction(mantissa, 10**power)
    percent = f"{float(share * 100):.{max(power - 2, 0)}f}%"
    for typed in (percent, f"{mantissa}E-{power:02d}", f"{mantissa} x 10-{power}", f"{mantissa} x 10^-{power}"):
        assert read_result(typed).describe() == f"share ={share}", typed


def _open_reader(chromium, live_server, viewport):
    """The real results page, enhanced by its script, and the reader's field."""
    context, page = open_context(chromium, viewport=viewport)
    page.goto(live_server.url + RESULTS_PAGE)
    page.wait_for_selector(f"{READER}.is-enhanced")
    return context, page, page.get_by_label("The result, as it is written on the report")


def _answers_on_the_page(html):
    soup = BeautifulSoup(html, "html.parser")
    answer = soup.select_one(f"{READER} [data-result-reader-answer]")
    headline = answer.select_one("[data-result-reader-headline], [data-result-reader-error]")
    text = " ".join(headline.get_text(" ").split()).removeprefix("Error: ")
    return answer.get("data-reading"), text


@pytest.mark.django_db
def test_the_page_without_javascript_agrees_with_the_pure_function(client, site_content):
    wrong = []
    for typed, expected in TABLE:
        response = client.get(RESULTS_PAGE, {"result": typed})
        assert response.status_code == 200, typed
        reading, headline = _answers_on_the_page(response.content.decode())
        if (reading, headline) != (expected, expected_headline(typed)):
            wrong.append((typed, expected, reading, headline))
    assert not wrong
    # The page with an answer, the reader's data block (its grammar and words) and its script
    # stays within the page weight budget.
    weight = weight_of(response.content, RESULTS_PAGE)
    assert weight["total"] < PAGE_WEIGHT_BUDGET, weight


def _server_answer(page, typed):
    """The server's answer to `typed`: the page's own reader block, rendered as the page renders
    it for ?result= (the test above holds the whole page to the same answer), in a fraction of a
    page's time."""
    block = next(block for block in page.body if block.block_type == "result_reader")
    request = RequestFactory().get(RESULTS_PAGE, {"result": typed})
    html = block.block.render(block.value, context={"request": request})
    return html[html.index('<div class="result-reader__answer"') : html.rindex("</section>")]  # the last in it


_BLOCK_TAGS = re.compile(r" ?(</?(?:div|p|ul|ol|li|h3|h4)\b[^>]*>) ?")


def normalised(html):
    """An element's HTML with attributes sorted and spaces between block elements dropped, so
    the server's template (indented) and the script's DOM (none) compare equal when the same."""

    def write(node):
        if isinstance(node, NavigableString):
            return re.sub(r"\s+", " ", escape(str(node), quote=False))
        names = sorted(node.attrs)
        values = [" ".join(v) if isinstance(v, list) else v for v in (node.attrs[n] for n in names)]
        attributes = "".join(f' {name}="{escape(value)}"' for name, value in zip(names, values, strict=True))
        return f"<{node.name}{attributes}>" + "".join(write(child) for child in node.children) + f"</{node.name}>"

    root = BeautifulSoup(html, "html.parser").find(True)
    return _BLOCK_TAGS.sub(r"\1", write(root))


def _difference(typed, html, results_page):
    """Where the script's answer to `typed` first differs from the server's, for the failure."""
    script, server = normalised(html), normalised(_server_answer(results_page, typed))
    pairs = enumerate(zip(script, server, strict=False))
    at = next((i for i, (a, b) in pairs if a != b), min(len(script), len(server)))
    return f"script: …{script[max(at - 80, 0) : at + 80]}… server: …{server[max(at - 80, 0) : at + 80]}…"


def test_normalised_html_keeps_what_differs_and_drops_only_indentation():
    server = '<div b="2" a="1">\n  <p class="x">One <b>two</b></p>\n  <ul><li>a</li></ul>\n</div>'
    assert normalised(server) == normalised('<div a="1" b="2"><p class="x">One <b>two</b></p><ul><li>a</li></ul></div>')
    assert normalised(server) != normalised('<div a="1" b="2"><p class="x">One<b>two</b></p><ul><li>a</li></ul></div>')
    assert normalised(server) != normalised('<div a="1"><p class="x">One <b>two</b></p><ul><li>a</li></ul></div>')


# Where exact arithmetic shows: halves rounded to even as Python rounds (12.5 → "about 1 in 12",
# 2.5 → "about 1 in 2"), shares with no exact decimal (3 significant figures), 1 in a count
# just over 2.5 that a float rounds to 2.5 as Python's does, a digit Python's \d reads (٣), and
# shares beyond any test.
EDGES = ["8%", "2 in 5", "1 in 3", "1/7", "3.33E-07", "1.99999999999999999999 in 5", "٣%", "1 in 30000000", "1E-10"]

# Results as reports write them, built from parts, for the property check: numbers in every
# notation, with and without a relation, words, a group of cells and a method, and odd text.
_NUMBER = st.one_of(
    st.integers(1, 9).map(str),
    st.from_regex(r"[0-9]\.[0-9]{1,7}", fullmatch=True),
    st.from_regex(r"\d{1,2}([.,]\d{1,4})?", fullmatch=True),  # any digits Python's \d reads (٣, ३…)
    st.integers(10, 99_999).map(str),
)
_POWERS = [
    lambda n, e: f"{n} x 10-{e}",
    lambda n, e: f"{n}x10^-{e}",
    lambda n, e: f"{n} × 10^({-e})",
    lambda n, e: f"{n}E-{e:02d}",
    lambda n, e: f"{n}e{e}",
]
_QUANTITY = st.one_of(
    _NUMBER.map(lambda n: f"{n}%"),
    st.builds(lambda form, n, e: form(n, e), st.sampled_from(_POWERS), _NUMBER, st.integers(1, 12)),
    st.tuples(_NUMBER, st.integers(1, 10**9)).map(lambda t: f"{t[0]} in {t[1]:,}"),
    st.integers(-12, 2).map(lambda e: f"10^{e}"),
    _NUMBER,
)
_RESULT = st.tuples(
    st.sampled_from(["", "<", "≤", ">", "at least ", "less than ", "~"]),
    _QUANTITY,
    st.sampled_from(["", " of CD19+ cells", " cells", " or more"]),
    st.sampled_from(["", "negative ", "MRD positive ", "PNQ ", "detected ", "Day 29 MRD: "]),
    st.sampled_from(["", " by flow", " (PCR)", " NGS"]),
).map(lambda t: f"{t[3]}{'(' if t[3] else ''}{t[0]}{t[1]}{t[2]}{')' if t[3] else ''}{t[4]}")
_ODD = st.text(alphabet="0123456789.,%<>=≤ -^xXeE()/:inofcellsnegativepositiveMRD⁻⁴٣ ", max_size=24)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_script_reads_every_form_in_the_browser_offline_exactly_as_the_server(site_content, live_server, chromium):
    """With the network cut (and fetch failing), every form of the table and a few hundred
    generated ones are read in the browser, and each answer's HTML, data attributes included,
    is the server's. Nothing is fetched: the reading is the script's own."""
    context, page, field = _open_reader(chromium, live_server, {"width": 390, "height": 844})
    page.evaluate(FETCH_FAILS)
    context.set_offline(True)
    # The first form as a person sends it (typed, then Enter); the rest through the same form's
    # submit inside the page, all in one call: each is read at once, with no round trip.
    field.fill(TABLE[0][0])
    field.press("Enter")
    read = [(TABLE[0][0], page.eval_on_selector(f"{READER} [data-result-reader-answer]", "el => el.outerHTML"))]
    values = [typed for typed, _ in TABLE[1:]] + EDGES
    read += page.evaluate(READ_EACH_IN_THE_PAGE, {"reader": READER, "values": values})
    results_page = Page.objects.get(url_path__endswith=RESULTS_PAGE).specific
    server = {typed: _server_answer(results_page, typed) for typed, _ in read}
    wrong = [(typed, html) for typed, html in read if normalised(html) != normalised(server[typed])]
    assert not wrong, [_difference(*wrong[0], results_page)] + [typed for typed, _ in wrong]
    for (typed, expected), (_, html) in zip(TABLE, read, strict=False):  # and what the table says
        assert BeautifulSoup(html, "html.parser").div["data-reading"] == expected, typed
    # Answered in place, and the address says what was read, for a reload or a shared link.
    assert page.evaluate("new URL(location.href).searchParams.get('result')") == read[-1][0]
    assert page.evaluate("new URL(location.href).pathname") == RESULTS_PAGE

    @settings(max_examples=10, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.one_of(_RESULT, _ODD), min_size=20, max_size=20))
    def generated_results_read_the_same(values):
        answers = page.evaluate(READ_EACH_IN_THE_PAGE, {"reader": READER, "values": values})
        for typed, html in answers:
            assert normalised(html) == normalised(_server_answer(results_page, typed)), typed

    generated_results_read_the_same()
    assert page.evaluate("window.fetchesTried") == 0
    assert_no_axe_violations(page)
    context.close()
    assert not page.problems


# Fetch fails, and counts how often it was tried: an answer read in the browser tries none.
FETCH_FAILS = """() => {
  window.fetchesTried = 0;
  window.fetch = () => { window.fetchesTried += 1; return Promise.reject(new TypeError("offline")); };
}"""

# For each value: put it in the reader's field, send the form (its submit handler answers in
# place), wait until the answer has been replaced, and keep the value as the field holds it (a
# text field drops line breaks) and the new answer's HTML.
READ_EACH_IN_THE_PAGE = """async ({ reader, values }) => {
  const root = document.querySelector(reader);
  const form = root.querySelector("[data-result-reader-form]");
  const input = form.querySelector("input[name='result']");
  const answers = [];
  for (const value of values) {
    const before = root.querySelector("[data-result-reader-answer]");
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    form.requestSubmit();
    const deadline = Date.now() + 10000;
    while (root.querySelector("[data-result-reader-answer]") === before) {
      if (Date.now() > deadline) throw new Error(`no answer for ${value}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    answers.push([input.value, root.querySelector("[data-result-reader-answer]").outerHTML]);
  }
  return answers;
}"""


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_bare_decimal_asks_and_a_choice_reads_in_place_at_320px(site_content, live_server, chromium):
    context, page, field = _open_reader(chromium, live_server, {"width": 320, "height": 568})
    field.fill("0.01")
    field.press("Enter")
    question = page.locator(f"{READER} [data-result-reader-headline]")
    question.wait_for()
    assert question.text_content() == "Does your report show a % sign after the number?"
    choices = page.locator(f"{READER} .result-reader__choice")
    assert choices.count() == 2
    assert "1 in 10,000" in choices.nth(0).inner_text() and "1 in 100" in choices.nth(1).inner_text()
    width = page.evaluate("document.documentElement.clientWidth")
    for n in range(2):  # both readings fit the phone's width, one under the other
        box = choices.nth(n).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Read it as 0.01%").click()
    page.wait_for_function(
        "() => document.querySelector('[data-result-reader-answer]').dataset.reading === 'share =1/10000'"
    )
    assert field.input_value() == "0.01%"
    assert page.evaluate("document.activeElement.name") == "result"
    headline = page.locator("[data-result-reader-headline]")
    assert headline.text_content() == "1 in 10,000 cells of the sample"
    # The marker on the scale is on screen once scrolled to, labelled with the result's own value.
    here = page.locator("[data-result-reader-here]")
    here.scroll_into_view_if_needed()
    assert "1 in 10,000" in here.inner_text() and here.is_visible()
    context.close()
    assert not page.problems
