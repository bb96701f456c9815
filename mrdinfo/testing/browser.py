"""Real-browser testing: Playwright driving Debian's Chromium, and axe-core inside it.

Without Chromium the browser tests skip with a loud notice, unless REQUIRE_BROWSER=1 (CI),
where they fail: a missing browser must never turn a red CI green."""

import json
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS_DIR = Path(os.environ.get("TEST_ARTIFACTS_DIR", Path(__file__).resolve().parents[2] / "test-artifacts"))

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices (landmarks, one h1...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

browser_missing_reason = None


def browser_required():
    return os.environ.get("REQUIRE_BROWSER") == "1"


def chromium_missing_message():
    if Path(CHROMIUM_PATH).exists():
        return None
    return (
        f"Chromium was not found at {CHROMIUM_PATH}, so the browser tests did not run. "
        "Install it with `apt-get install -y chromium` (or set CHROMIUM_PATH)."
    )


def require_chromium():
    global browser_missing_reason
    browser_missing_reason = chromium_missing_message()
    if browser_missing_reason is None:
        return
    if browser_required():
        pytest.fail(browser_missing_reason + " REQUIRE_BROWSER=1 is set, so this is a failure.", pytrace=False)
    pytest.skip(browser_missing_reason)


def _axe_source():
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


_AXE_SOURCE = None


def axe_violations(page, selector=None, disable_rules=()):
    """Run axe-core in the page and return its violations (a list of dicts)."""
    global _AXE_SOURCE
    if _AXE_SOURCE is None:
        _AXE_SOURCE = _axe_source()
    # evaluate() runs through DevTools, so the page's own CSP (no inline scripts) still holds
    # for everything the page does, while the test can add axe.
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_AXE_SOURCE)
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    if disable_rules:
        options["rules"] = {rule: {"enabled": False} for rule in disable_rules}
    result = page.evaluate(
        "([selector, options]) => axe.run(selector ? document.querySelector(selector) : document, options)",
        [selector, options],
    )
    return result["violations"]


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} {violation['helpUrl']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {json.dumps(node['target'])}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def assert_no_axe_violations(page, selector=None, disable_rules=()):
    violations = axe_violations(page, selector=selector, disable_rules=disable_rules)
    assert not violations, f"axe-core found {len(violations)} violation(s) on {page.url}:\n" + format_violations(
        violations
    )


def save_screenshot(page, name):
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# A person's two clicks are 50-250 ms apart: this gap is a person's, long enough for the first
# request to be on its way on a busy machine before the second click cancels its page (at 15 ms
# Chromium sometimes dropped it before it reached the server; Playwright's dblclick() folds the
# two into one request). The live server holds its answers to POSTs meanwhile (below), so the
# second click cannot land on the next page because the first answer came back first.
DOUBLE_CLICK_GAP_MS = 150
POST_ANSWER_HELD_SECONDS = 1.0


class HeldPosts:
    """Counts the POSTs the live server holds back: how many arrived, how many it has answered."""

    def __init__(self):
        self.lock = threading.Lock()
        self.arrived = self.answered = 0

    def wait(self, arrived, seconds=10):
        """Until `arrived` POSTs have come in (or the time is up) and every one is answered."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            with self.lock:
                if self.arrived >= arrived and self.answered == self.arrived:
                    return
            time.sleep(0.02)


@contextmanager
def post_answers_held(seconds=POST_ANSWER_HELD_SECONDS):
    """While open, the live server (a thread of this process) waits `seconds` before handling a
    POST, as a real server across a hospital's wifi answers later than a click can follow."""
    from django.core.handlers.base import BaseHandler

    handle, held_posts = BaseHandler.get_response, HeldPosts()

    def held(handler, request):
        if request.method != "POST":
            return handle(handler, request)
        with held_posts.lock:
            held_posts.arrived += 1
        try:
            time.sleep(seconds)
            return handle(handler, request)
        finally:
            with held_posts.lock:
                held_posts.answered += 1

    BaseHandler.get_response = held
    try:
        yield held_posts
    finally:
        BaseHandler.get_response = handle


def double_click(page, button):
    """Two clicks on `button` (a locator) a moment apart, as a person double-clicks a submit
    button: the browser sends the form twice and shows the answer to the second request. Returns
    once the server has answered both (the browser drops the first answer, the server does not)."""
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    with post_answers_held() as held_posts:
        page.mouse.click(x, y)
        page.wait_for_timeout(DOUBLE_CLICK_GAP_MS)
        page.mouse.click(x, y)
        held_posts.wait(arrived=2)


def posts_to(page, fragment):
    """A list that fills with the URL of each POST the tab sends to a URL containing `fragment`
    (so a test can show that a double-click really sent the form twice)."""
    sent = []

    def note(request):
        if request.method == "POST" and fragment in request.url:
            sent.append(request.url)

    page.on("request", note)
    return sent


def submissions_received(monkeypatch):
    """A list that fills with one entry per valid form submission the live server checks for a
    repeat (SpamProtectedFormMixin.claim_submission): proof that both requests of a double-click
    reached the server, not only left the browser (Chromium may cancel the first one in flight)."""
    from mrdinfo.forms.spam import SpamProtectedFormMixin

    received = []
    claim = SpamProtectedFormMixin.claim_submission

    def counting(form):
        outcome = claim(form)
        received.append(outcome)
        return outcome

    monkeypatch.setattr(SpamProtectedFormMixin, "claim_submission", counting)
    return received
