""" "Listen to this page" in a real browser (Chromium), with speechSynthesis replaced by a fake
that records what it is asked to say (the test decides when each sentence ends): the sentences
are said in page order with the glossary's pronunciations ("M R D"), the highlight moves with
them, pause and carry on, speed, stop on leaving the page; navigation, the contents list and
tables are never said; with no voice on the device the control is not shown; 320 px; axe-core."""

import json

import pytest

from mrdinfo.testing.browser import assert_no_axe_violations, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE = "/understanding-mrd/reading-mrd-results/"  # a table, the result reader and the diary too
CONTROL = "[data-listen]"
PLAY = "[data-listen-play]"

# A fake speech engine: one voice (or none), every speak() and cancel() logged in sessionStorage
# (so a log survives leaving the page), onstart and onboundary fired at once, onend when the test
# calls __finishSentence() (or at once, with __sayEverything).
FAKE_SPEECH = """
(() => {
  const voices = %s;
  const log = (entry) => {
    const entries = JSON.parse(sessionStorage.getItem("speech-log") || "[]");
    entries.push(entry);
    sessionStorage.setItem("speech-log", JSON.stringify(entries));
  };
  class FakeUtterance { constructor(text) { this.text = text; this.rate = 1; this.lang = ""; this.voice = null; } }
  class FakeSpeech extends EventTarget {
    getVoices() { return voices; }
    speak(utterance) {
      log({ say: utterance.text, rate: utterance.rate, lang: utterance.lang, voice: utterance.voice?.name });
      this.current = utterance;
      setTimeout(() => {
        utterance.onstart?.({});
        utterance.onboundary?.({ name: "word", charIndex: 0 });
        if (window.__sayEverything) window.__finishSentence();
      }, 0);
    }
    cancel() {
      log({ cancel: true });
      const utterance = this.current;
      this.current = null;
      utterance?.onerror?.({ error: "interrupted" });
    }
    pause() {}
    resume() {}
  }
  const speech = new FakeSpeech();
  window.__finishSentence = () => {
    const utterance = speech.current;
    speech.current = null;
    utterance?.onend?.({});
  };
  Object.defineProperty(window, "speechSynthesis", { value: speech, configurable: true });
  window.SpeechSynthesisUtterance = FakeUtterance;
})();
"""
ONE_VOICE = json.dumps([{"name": "Test voice", "lang": "en-GB", "default": True, "localService": True}])


@pytest.fixture
def base(live_server, site_content):
    return live_server.url


def spoken(page):
    return [entry["say"] for entry in speech_log(page) if "say" in entry]


def speech_log(page):
    return json.loads(page.evaluate("sessionStorage.getItem('speech-log') || '[]'"))


def highlighted(page):
    return page.evaluate("(h => h ? [...h][0].toString() : null)(CSS.highlights.get('listen-sentence'))")


def wait_for_said(page, count):
    page.wait_for_function(
        "n => JSON.parse(sessionStorage.getItem('speech-log') || '[]').filter(e => e.say).length >= n", arg=count
    )


def test_reads_the_page_sentence_by_sentence_with_the_glossarys_pronunciations(base, browser_page):
    page = browser_page
    page.add_init_script(FAKE_SPEECH % ONE_VOICE)
    page.goto(base + PAGE)
    control = page.locator(CONTROL)
    play = page.locator(PLAY)
    control.wait_for(state="visible")
    assert play.text_content() == "Listen"
    assert_no_axe_violations(page)

    play.click()
    wait_for_said(page, 1)
    title = page.locator("h1").text_content().strip()
    assert spoken(page)[0] == title.replace("MRD", "M R D")
    assert "M R D" in spoken(page)[0] and highlighted(page) == title
    assert speech_log(page)[0]["voice"] == "Test voice" and speech_log(page)[0]["lang"] == "en-GB"
    assert play.text_content() == "Pause"
    assert page.locator("h1").evaluate("h => h.classList.contains('is-being-read')")

    page.evaluate("__finishSentence()")
    wait_for_said(page, 2)
    second = spoken(page)[1]
    assert highlighted(page) not in (None, title)
    assert second == highlighted(page).replace("MRD", "M R D")

    # Pause cancels the sentence; "Carry on" says it again from its beginning.
    play.click()
    assert play.text_content() == "Carry on"
    assert speech_log(page)[-1] == {"cancel": True}
    play.click()
    wait_for_said(page, 3)
    assert spoken(page)[2] == second and play.text_content() == "Pause"

    # Faster: the sentence again at the new speed, the choice shown by state, not colour alone.
    faster = page.get_by_role("button", name="Faster")
    faster.click()
    wait_for_said(page, 4)
    assert speech_log(page)[-1]["rate"] == 1.25 and faster.get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="Normal").get_attribute("aria-pressed") == "false"
    assert_no_axe_violations(page)
    save_screenshot(page, "listen-reading-1280")

    # The rest of the page, to the end: in page order, and nothing from navigation or tables.
    page.evaluate("window.__sayEverything = true; __finishSentence()")
    page.wait_for_function("() => document.querySelector('[data-listen-play]').textContent === 'Listen'")
    said = spoken(page)[:2] + spoken(page)[4:]  # the second sentence was said three times above
    text_in_order = page.evaluate(
        """() => [...document.querySelectorAll('main p, main li, main h2')]
             .filter(e => e.checkVisibility()
                          && !e.closest('nav, table, form, aside, details, .no-print, .cards, .visually-hidden'))
             .map(e => {
               const copy = e.cloneNode(true);
               copy.querySelectorAll('[popover], button').forEach(x => x.remove());
               return copy.textContent.replace(/\\s+/g, ' ').trim();
             }).filter(Boolean)"""
    )
    joined = " ".join(said)
    positions = [joined.find(text.split(". ")[0].replace("MRD", "M R D")) for text in text_in_order[:12]]
    assert -1 not in positions and positions == sorted(positions), list(zip(text_in_order, positions, strict=False))
    assert "MRD" not in joined and "M R D test" in joined
    # Table cells, the contents list's title, the way around the site (the contents list's own
    # entries are the page's headings, which are said where they are).
    never = page.evaluate(
        """() => [...document.querySelectorAll(
                 'table td, table th, table caption, .contents-list__title, header nav a, .breadcrumbs a')]
             .map(e => e.textContent.replace(/\\s+/g, ' ').trim()).filter(t => t.length > 6)"""
    )
    expected = " ".join(text_in_order)
    never = [text for text in never if text not in expected and text.replace("MRD", "M R D") not in expected]
    assert page.locator("main table td").count() > 3 and len(never) > 5, never
    for text in never:
        assert text not in joined and text.replace("MRD", "M R D") not in joined, f"said {text!r}"
    assert highlighted(page) is None

    # Stop; then leaving the page while reading cancels the speech.
    play.click()
    wait_for_said(page, len(spoken(page)) + 1)
    page.evaluate("window.__sayEverything = false")
    page.get_by_role("button", name="Stop").click()
    assert play.text_content() == "Listen" and speech_log(page)[-1] == {"cancel": True}
    assert page.evaluate("document.activeElement.dataset.listenPlay") == ""
    # Leaving: the page going (pagehide) stops it; the page being hidden pauses it.
    play.click()
    page.evaluate("dispatchEvent(new PageTransitionEvent('pagehide'))")
    assert play.text_content() == "Listen" and speech_log(page)[-1] == {"cancel": True}
    play.click()
    count = len(speech_log(page))
    page.goto(base + "/understanding-mrd/glossary/")
    assert {"cancel": True} in speech_log(page)[count:]
    assert not page.problems


def test_without_a_voice_on_the_device_the_control_is_not_shown(base, browser_page):
    page = browser_page
    # No voices at all, then only a voice that sends the text to a speech service.
    remote = json.dumps([{"name": "Online voice", "lang": "en-GB", "default": True, "localService": False}])
    for voices in ("[]", remote):
        page.add_init_script(FAKE_SPEECH % voices)
        page.goto(base + "/understanding-mrd/glossary/")
        page.wait_for_function("() => document.querySelector('[data-listen]')")
        page.evaluate("speechSynthesis.dispatchEvent(new Event('voiceschanged'))")
        assert page.locator(CONTROL).bounding_box() is None, voices
        assert not page.locator(CONTROL).is_visible()


def test_the_control_fits_a_320px_phone(base, chromium):
    context = chromium.new_context(viewport={"width": 320, "height": 568}, locale="en-GB")
    page = context.new_page()
    page.add_init_script(FAKE_SPEECH % ONE_VOICE)
    page.goto(base + "/understanding-mrd/glossary/")
    page.locator(CONTROL).wait_for(state="visible")
    # Before reading (Listen, Stop) and while reading (the speeds too).
    assert page.locator(f"{CONTROL} button:visible").count() == 2
    for reading in (False, True):
        if reading:
            page.locator(PLAY).click()
            page.get_by_role("button", name="Slower").wait_for()
        box = page.locator(CONTROL).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320
        for button in page.locator(f"{CONTROL} button:visible").all():
            button_box = button.bounding_box()
            assert button_box["height"] >= 44 and button_box["width"] >= 44
            assert button_box["x"] >= 0 and button_box["x"] + button_box["width"] <= 320
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.locator(f"{CONTROL} button:visible").count() == 5
    save_screenshot(page, "listen-control-320")
    context.close()
