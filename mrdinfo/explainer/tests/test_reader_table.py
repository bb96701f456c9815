"""The result reader's table (reader_table.py, over 120 forms from UK reports) against the three
places a parent meets it, which must agree: the pure function, the page the server answers
without JavaScript, and the script answering in place in Chromium."""

from fractions import Fraction

import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

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


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_script_in_chromium_agrees_for_every_form(site_content, live_server, chromium):
    context, page, field = _open_reader(chromium, live_server, {"width": 390, "height": 844})
    # The first form as a person sends it (typed, then Enter); the rest through the same form's
    # submit inside the page, one after another: a round trip from the test per form cost most
    # of this test's 33 s in CI, and the script reads each the same way.
    page.eval_on_selector(f"{READER} [data-result-reader-answer]", "el => { el.dataset.stale = '1'; }")
    field.fill(TABLE[0][0])
    field.press("Enter")
    page.wait_for_selector(f"{READER} [data-result-reader-answer]:not([data-stale])", state="attached")
    answers = [page.eval_on_selector(f"{READER} [data-result-reader-answer]", "el => el.outerHTML")]
    answers += page.evaluate(READ_EACH_IN_THE_PAGE, {"reader": READER, "values": [typed for typed, _ in TABLE[1:]]})
    wrong = []
    for (typed, expected), answer in zip(TABLE, answers, strict=True):
        reading, headline = _answers_on_the_page(f'<div id="{READER[1:]}">{answer}</div>')
        if (reading, headline) != (expected, expected_headline(typed)):
            wrong.append((typed, expected, reading, headline))
    assert not wrong
    assert page.evaluate("new URL(location.href).pathname") == RESULTS_PAGE  # answered in place
    context.close()
    assert not page.problems


# For each value: put it in the reader's field, send the form (its submit handler answers in
# place), wait until the answer has been replaced, and keep the new answer's HTML.
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
    answers.push(root.querySelector("[data-result-reader-answer]").outerHTML);
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
