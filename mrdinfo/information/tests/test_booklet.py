"""The Understanding MRD booklet (information/booklet.py, booklet_cache.py, views.py), built from
the real content: what it holds, in order (pages, headings, glossary terms), that it is an
accessible PDF (tagged, title, language, bookmarks), QR codes that read back each page's
address, nothing fetched from the network, one build per content generation, rebuilt after a
change, and the link on the pages with its true figures.

Building takes seconds, so the real booklet is built once for the module (`real_build`); tests
that are about when it is built use a stand-in build."""

import io
import re
import threading
import time
from dataclasses import dataclass
from functools import cached_property
from types import SimpleNamespace
from typing import Any

import pytest
import zxingcpp
from bs4 import BeautifulSoup
from pypdf import PdfReader

from django.core.cache import cache
from django.db import transaction
from django.test import Client

from mrdinfo.core import caching
from mrdinfo.core.pages.headings import collect_headings
from mrdinfo.information import booklet, booklet_cache
from mrdinfo.information.glossary import get_glossary
from mrdinfo.information.models import GlossaryPage, InformationPage, TopicIndexPage

# One worker runs the module (pytest-xdist's loadgroup), so the real booklet is built once in CI.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("booklet")]
BOOKLET_URL = "/understanding-mrd/guide.pdf"


@dataclass
class RealBuild:
    built: booklet_cache.Booklet
    seconds: float
    chapters: list[dict[str, Any]]  # title, headings, absolute address, in the booklet's order
    terms: list[str]

    @property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.built.pdf))

    @cached_property
    def text(self) -> str:
        """Every page's text, its spaces and line breaks as single spaces (extracting takes seconds)."""
        return words(" ".join(page.extract_text() for page in self.reader.pages))


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def real_build(django_db_setup, django_db_blocker):
    """The booklet of the real content, built once for the module (in a transaction rolled back)."""
    with django_db_blocker.unblock(), transaction.atomic():
        django_db_setup.restore()
        cache.clear()
        hub = TopicIndexPage.objects.live().get()
        started = time.monotonic()
        built = booklet.build(hub)
        seconds = time.monotonic() - started
        chapters = [
            {
                "title": page.title,
                "headings": [h["text"] for h in collect_headings(page.body)],
                "url": page.get_full_url(),
            }
            for page in booklet.section_pages(hub)
        ]
        glossary_page = GlossaryPage.objects.live().get()
        letters = glossary_page.letters(get_glossary(hub.get_site())["terms"])
        terms = [term["term"] for group in letters for term in group["terms"]]
        transaction.set_rollback(True)
    cache.clear()
    return RealBuild(built, seconds, chapters, terms)


def test_every_page_its_headings_and_the_glossary_are_in_the_booklet_in_order(real_build):
    print(
        f"\nbooklet: {real_build.built.pages} pages, {real_build.built.size} bytes, built in {real_build.seconds:.1f} s"
    )
    assert real_build.built.pages == len(real_build.reader.pages) > len(real_build.chapters)
    text = real_build.text
    expected = [part for c in real_build.chapters for part in [c["title"], *c["headings"]]] + real_build.terms
    assert len(real_build.chapters) == 9 and len(real_build.terms) > 20  # the hub, 7 pages, the glossary
    position = text.index("Contents")
    for part in expected:
        found = text.find(words(part), position)
        assert found >= 0, f"{part!r} is missing from the booklet, or out of order"
        position = found + len(words(part))
    for question in (
        "Will my child have an MRD test, and when?",
        "Who do we call if we are worried, by day or at night?",
    ):
        assert question in text


def test_the_pdf_is_tagged_with_a_title_a_language_and_bookmarks_from_each_pages_headings(real_build):
    reader = real_build.reader
    catalog = reader.trailer["/Root"]
    assert reader.metadata.title == "Understanding MRD: the whole guide"
    assert catalog["/Lang"] == "en-GB"
    assert bool(catalog["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in catalog  # tagged: PDF/UA-1
    outline = reader.outline
    top = [item.title for item in outline if not isinstance(item, list)]
    assert top == [c["title"] for c in real_build.chapters] + ["Where our information comes from"]
    children = [item for item in outline if isinstance(item, list)]
    what_is_mrd = children[1]  # the bookmarks under the second page's title
    assert [item.title for item in what_is_mrd if not isinstance(item, list)][:2] == real_build.chapters[1]["headings"][
        :2
    ]


def test_each_pages_qr_code_reads_back_its_address(real_build):
    """The QR code on the first sheet of each page's part of the booklet (found from its bookmark)
    decodes to that page's address on the site; the cover's to the hub's."""
    reader = real_build.reader

    def decoded(page_number):
        """What the images drawn on this sheet decode to (WeasyPrint lists every image on each
        sheet, so only those its content stream draws, `/name Do`, count)."""
        page = reader.pages[page_number]
        drawn = {b"/" + name for name in re.findall(rb"/([^\s/]+) Do", page.get_contents().get_data())}
        return {
            result.text
            for name in page.images.keys()  # noqa: SIM118 - pypdf iterates the images themselves; keys() are names
            if name.encode() in drawn
            for result in zxingcpp.read_barcodes(page.images[name].image.convert("L"))
        }

    chapters = [item for item in reader.outline if not isinstance(item, list)][: len(real_build.chapters)]
    for bookmark, chapter in zip(chapters, real_build.chapters, strict=True):
        assert chapter["url"] in decoded(reader.get_destination_page_number(bookmark)), chapter["title"]
    assert decoded(0) == {real_build.chapters[0]["url"]} == {"http://localhost/understanding-mrd/"}


def test_the_interactive_parts_print_as_text_and_the_references_as_the_pages_list_them(real_build):
    text = real_build.text
    assert "Each stage: how many leukaemia cells, and which tests can find them" in text  # the explainer's table
    assert "type your child's MRD result as it is written on the report" in text  # the result reader's line
    assert "Moppett J, Burke GAA, Steward CG, Oakhill A, Goulden NJ" in text
    assert "doi:10.1136/jcp.56.4.249" in text
    assert "Clinical review: pending." in text and "Next review due" in text


def test_the_booklet_fetches_nothing_from_the_network_but_reads_the_sites_own_files():
    fetcher = booklet.LocalFilesOnly("https://mrdinfo.org.uk")
    for address in (
        "https://example.org/tracker.png",
        "http://mrdinfo.org.uk.example.org/static/x.css",
        "https://mrdinfo.org.uk/static/../../etc/passwd",
        "file:///etc/passwd",
    ):
        with pytest.raises(ValueError, match="fetches nothing"):
            fetcher.fetch(address)
    served = fetcher.fetch("https://mrdinfo.org.uk/static/information/booklet.css")
    assert b"@page" in served.read()


# When it is built --------------------------------------------------------------------------


@pytest.fixture
def stand_in_build(monkeypatch):
    """booklet.build, counted, made quick: a few bytes and a page count."""
    calls = []

    def build(hub):
        calls.append(hub.pk)
        time.sleep(0.3)  # long enough for other requests to arrive meanwhile
        return booklet_cache.Booklet(pdf=b"%PDF-1.7 stand-in " * 50, pages=7, built_at=None)

    monkeypatch.setattr(booklet, "build", build)
    return calls


def test_concurrent_first_requests_build_it_once(site_content, stand_in_build):
    hub = TopicIndexPage.objects.live().get()
    results = []
    threads = [threading.Thread(target=lambda: results.append(booklet_cache.get_or_build(hub))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(stand_in_build) == 1 and len({result.pdf for result in results}) == 1 and len(results) == 4


def link_text(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    link = BeautifulSoup(response.content, "html.parser").select_one(".booklet-link__link")
    assert link is not None and link["href"] == BOOKLET_URL
    return words(link.get_text())


def test_pages_link_the_booklet_with_figures_only_once_built_and_never_build_it(site_content, stand_in_build, settings):
    settings.BOOKLET_BUILD_IN_BACKGROUND = True  # and tasks run at once here: a queued build would run now
    client = Client()
    assert link_text(client, "/understanding-mrd/what-is-mrd/") == "Download the whole guide (PDF)"
    assert stand_in_build == []  # rendering a page never builds the booklet
    response = client.get(BOOKLET_URL)
    assert response.status_code == 200 and stand_in_build == [TopicIndexPage.objects.live().get().pk]
    # Built: the copy the page cache kept (without figures) is not served again.
    assert link_text(client, "/understanding-mrd/what-is-mrd/") == "Download the whole guide (PDF, 7 pages, 1 KB)"


def test_the_hub_and_a_page_show_the_real_booklets_page_count_and_size(site_content, real_build):
    hub = TopicIndexPage.objects.live().get()
    booklet_cache.store(hub, real_build.built, caching.generation())
    figures = f"(PDF, {len(real_build.reader.pages)} pages, {booklet_cache.size_in_words(len(real_build.built.pdf))})"
    assert re.fullmatch(r"\(PDF, \d+ pages, \d+(\.\d)? [KM]B\)", figures)
    client = Client()
    for path in ("/understanding-mrd/", "/understanding-mrd/questions-to-ask/"):
        assert link_text(client, path) == f"Download the whole guide {figures}"


def test_the_booklet_is_served_inline_and_rebuilt_after_a_content_change(site_content, real_build):
    hub = TopicIndexPage.objects.live().get()
    booklet_cache.store(hub, real_build.built, caching.generation())  # this content's booklet, built above
    client = Client()
    response = client.get(BOOKLET_URL)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="understanding-mrd-guide.pdf"'
    assert b"".join(response.streaming_content) == real_build.built.pdf
    assert client.get(BOOKLET_URL, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304

    page = InformationPage.objects.get(slug="what-is-mrd")
    body = page.body.raw_data
    heading = next(block for block in body if block["type"] == "heading")
    heading["value"]["text"] = "What the letters MRD stand for"
    page.save_revision().publish()

    fresh = PdfReader(io.BytesIO(b"".join(client.get(BOOKLET_URL).streaming_content)))
    bookmarks = {item.title: item for item in fresh.outline[3]}  # under "What is MRD?"
    assert "What the letters MRD stand for" in bookmarks and "MRD in a few words" not in bookmarks
    page_text = fresh.pages[
        fresh.get_destination_page_number(bookmarks["What the letters MRD stand for"])
    ].extract_text()
    assert "What the letters MRD stand for" in words(page_text)


def test_with_a_task_worker_a_publish_builds_the_booklet_in_the_background(
    site_content, stand_in_build, settings, django_capture_on_commit_callbacks
):
    settings.BOOKLET_BUILD_IN_BACKGROUND = True  # tests run tasks at once (ImmediateBackend)
    hub = TopicIndexPage.objects.live().get()
    assert booklet_cache.figures(hub) is None
    with django_capture_on_commit_callbacks(execute=True):
        InformationPage.objects.get(slug="remission").save_revision().publish()
    assert stand_in_build == [hub.pk]
    assert booklet_cache.figures(hub) == {"pages": 7, "size": 900, "size_words": "1 KB"}
    assert link_text(Client(), "/understanding-mrd/remission/") == "Download the whole guide (PDF, 7 pages, 1 KB)"
    assert stand_in_build == [hub.pk]  # built once


def test_with_a_task_worker_a_page_without_figures_queues_the_build_once(site_content, settings, monkeypatch):
    from mrdinfo.information import tasks

    settings.BOOKLET_BUILD_IN_BACKGROUND = True
    monkeypatch.setattr(booklet_cache, "tasks_run_in_a_worker", lambda: True)
    queued = []
    monkeypatch.setattr(tasks, "build_booklet", SimpleNamespace(enqueue=queued.append))
    client = Client()
    for path in ("/understanding-mrd/", "/understanding-mrd/remission/"):
        assert link_text(client, path) == "Download the whole guide (PDF)"
    assert queued == [TopicIndexPage.objects.live().get().pk]
