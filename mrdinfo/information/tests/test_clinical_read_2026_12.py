"""The clinical read of 1 December 2026 (issue 17, findings C1-C25 and the missing topics),
pinned on the pages as a parent gets them after loading the real content/. Each test names the
finding it guards; the wording it looks for is the fix's own point, not a whole sentence."""

import datetime
import json
import re

import pytest
from bs4 import BeautifulSoup

from mrdinfo.information.models import GlossaryTerm, InformationPage

from .factories import InformationPageFactory
from .section import SECTION_URLS

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(site_content):
    """The site's real content/ (the `site_content` snapshot: as load_content leaves it)."""
    return site_content


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content.decode(), "html.parser")


def text_of(client, url):
    main = soup_of(client, url).find("main")
    return " ".join(main.get_text(" ").split())


def stage(client, link_name):
    """One stage of the explainer on the home page, by its link name, as text."""
    soup = soup_of(client, "/")
    element = soup.find(id=re.compile(rf"-{re.escape(link_name)}$"))
    assert element is not None, link_name
    return " ".join(element.get_text(" ").split())


def explainer_strings(client):
    """Every string of the explainer's script data on the home page (what its script shows)."""
    soup = soup_of(client, "/")
    strings = []
    for script in soup.select("main script[type='application/json']"):
        strings.append(json.dumps(json.loads(script.get_text()), ensure_ascii=False))
    return " ".join(strings)


# --- The explainer (C1, C2, C6, C7, C8, C9, C24) -------------------------------------------------


def test_c1_the_remission_count_is_the_most_there_could_be_and_not_compared_with_everyone_on_earth(client, loaded):
    remission = stage(client, "remission")
    assert "most there could be" in remission
    assert "MRD test, done on the same sample, gives a much closer answer" in remission
    assert "far fewer" in remission
    assert "everyone on Earth" not in remission
    # The comparison is still made at diagnosis, where it is a real estimate.
    assert "everyone on Earth" in stage(client, "diagnosis")
    assert "99.9%" not in remission  # a decimal percentage a tired parent need not parse (2c.7)


def test_c2_after_a_higher_first_result_stronger_chemotherapy_comes_first_and_transplant_is_for_a_few(client, loaded):
    higher = stage(client, "mrd-found-higher")
    assert "usually happens next is stronger chemotherapy" in higher
    assert "another MRD test" in higher
    assert "Only a few children" in higher
    assert "CAR-T" not in higher
    assert higher.index("stronger chemotherapy") < higher.index("stem cell transplant")


def test_c7_both_found_branches_say_the_level_that_changes_treatment_depends(client, loaded):
    for name in ("mrd-found-low", "mrd-found-higher"):
        assert "level that changes treatment depends on your child's treatment plan" in stage(client, name), name


def test_c8_c9_c14_none_found_and_not_quantifiable_are_worded_for_each_child_s_own_test(client, loaded):
    none_found = stage(client, "mrd-none-found")
    assert "Each child's test has its own limit" in none_found
    assert "did not find any at its limit" in none_found
    assert "Most labs" not in none_found
    low = stage(client, "mrd-found-low")
    assert "too few to measure exactly" in low


def test_c6_the_later_check_starts_from_what_the_team_says_not_from_old_trials(client, loaded):
    later = stage(client, "later-check")
    assert "Your child's team will tell you when it is" in later
    assert "older UK trials" in later


def test_c4_after_treatment_the_time_to_cure_figure_is_for_children_still_well(client, loaded):
    assert "for children still well 6 to 7 years after diagnosis" in stage(client, "after-treatment")
    remission = text_of(client, "/understanding-mrd/remission/")
    assert "still well 6 to 7 years after diagnosis" in remission
    assert "the chance of relapse fell below 1 in 100" not in remission


def test_c24_the_home_explainer_heading_does_not_end_every_story_at_none_found(client, loaded):
    home = soup_of(client, "/")
    headings = [" ".join(h.get_text(" ").split()) for h in home.select("main h2")]
    assert "From diagnosis to the first MRD result" in headings
    assert not any("none found" in heading for heading in headings)


# --- The pages (C3, C10-C17, C20-C23) ----------------------------------------------------------


def test_c3_c20_c21_uk_all_2003_has_no_contradiction_no_p_values_and_no_decimals_in_in_100(client, loaded):
    text = text_of(client, "/understanding-mrd/uk-all-2003/")
    assert "P = .09" not in text and "Statisticians" not in text
    assert "The benefit was clearest when the leukaemia had high-risk gene changes" not in text
    assert "The group was small, so these numbers are not exact" in text
    assert not re.search(r"\d+\.\d+ in 100", text), re.findall(r"\d+\.\d+ in 100", text)
    assert "could not be sure that it helped everyone" in text


def test_c15_a_small_gap_is_not_argued_from_chance(client, loaded):
    text = text_of(client, "/understanding-mrd/uk-all-2003/")
    assert "could have happened by chance. So" not in text
    assert "about 2 in 100 after 10 years" in text


def test_c13_the_high_risk_figure_says_which_children_it_is_about(client, loaded):
    for url in ("/understanding-mrd/uk-all-2003/", "/understanding-mrd/reading-mrd-results/"):
        assert "no other high-risk features" in text_of(client, url), url


def test_c9_c10_c14_result_wordings_on_the_results_page(client, loaded):
    text = text_of(client, "/understanding-mrd/reading-mrd-results/")
    assert "The amount is very small" not in text  # C9: could falsely reassure
    assert "depends on your child's own test" in text
    assert "On its own, it does not tell you how treatment is going" not in text  # C10
    assert "sometimes a small amount of leukaemia was still found" in text
    assert "Some labs test down to" not in text  # C14
    assert "Each child's test has its own limit" in text


def test_c2_the_results_page_orders_next_steps_most_then_few_then_small_number(client, loaded):
    text = text_of(client, "/understanding-mrd/reading-mrd-results/")
    order = [text.index(words) for words in ("for most children", "for a few children", "for a small number")]
    assert order == sorted(order)
    assert "mainly used if leukaemia comes back or does not respond" in text


def test_c17_the_survival_figure_comes_from_ukall_2011_not_an_unchecked_adult_page(client, loaded):
    soup = soup_of(client, "/understanding-mrd/reading-mrd-results/")
    links = [a.get("href", "") for a in soup.select("main a")]
    assert not any("about-cancer/acute-lymphoblastic-leukaemia-all/survival" in href for href in links)
    text = " ".join(soup.find("main").get_text(" ").split())
    assert "UKALL 2011 trial who were alive 5 years after" in text


def test_c11_c12_c16_remission_and_treatment_wording(client, loaded):
    remission = text_of(client, "/understanding-mrd/remission/")
    assert "about 4 in 100" not in remission  # C11: not in the paper's abstract
    assert "no leukaemia is found elsewhere" in remission  # C12
    assert "no leukaemia is found elsewhere" in GlossaryTerm.objects.get(slug="remission").definition
    what = text_of(client, "/understanding-mrd/what-is-mrd/")
    assert "calmer stretch" not in what and "hospital stays" in what  # C16


def test_c22_c23_the_mrd_test_page_is_in_scope_and_plain(client, loaded):
    text = text_of(client, "/understanding-mrd/the-mrd-test/")
    assert "BCR::ABL1" not in text  # Philadelphia-positive ALL is outside the pages' scope
    assert "A briefing is not advice" not in text
    assert "not used routinely for children with ALL in the UK" in text
    assert "cannot always be sure a very small signal is leukaemia" in text  # 2c.8


# --- References (C18, C19, C25) ---------------------------------------------------------------


def references(page_slug):
    page = InformationPage.objects.get(slug=page_slug)
    blocks = [block for block in page.body if block.block_type == "references"]
    return {ref["key"]: ref for block in blocks for ref in block.value["references"]}


def test_c25_moppett_is_complete_on_every_page_that_cites_it(client, loaded):
    cited = 0
    for page in InformationPage.objects.live():
        for key, ref in references(page.slug).items():
            if key == "moppett-2003":
                cited += 1
                assert ref["doi"] == "10.1136/jcp.56.4.249", page.slug
                assert "volume 56" in ref["publisher"] and "249 to 253" in ref["publisher"], page.slug
    assert cited >= 3


def test_c18_c25_no_search_links_and_nice_is_named_by_its_briefing(client, loaded):
    for page in InformationPage.objects.live():
        for ref in references(page.slug).values():
            assert "?term=" not in (ref.get("url") or ""), page.slug
    nice = references("the-mrd-test")["nice-mib278"]
    assert nice["title"] != "Medtech innovation briefing MIB278: clonoSEQ"
    assert "MIB278" in nice["publisher"]


# --- The donate page (C5) and the review dates ---------------------------------------------------


def test_c5_the_donate_page_does_not_claim_a_review_the_pages_say_is_pending(client, loaded):
    donate = text_of(client, "/donate/why-donate/")
    pending = text_of(client, "/understanding-mrd/what-is-mrd/")
    assert "Clinical review: pending" in pending
    assert "check them with doctors" not in donate
    assert "ask doctors to check them" in donate


def review_dates(client, url):
    soup = soup_of(client, url)
    rows = {
        " ".join(row.dt.get_text().split()): row.dd.find("time")["datetime"]
        for row in soup.select(".review-details__row")
        if row.dd.find("time")
    }
    return {name: datetime.date.fromisoformat(day) for name, day in rows.items()}


def test_last_updated_is_never_earlier_than_first_published_on_any_page(client, loaded):
    # The content files say when the text was checked (before it first went live); the page
    # went live today, so a parent would otherwise read "updated" before "published".
    for url in SECTION_URLS:
        dates = review_dates(client, url)
        assert dates["Last updated"] >= dates["First published"], (url, dates)


def test_a_page_checked_after_it_went_live_shows_its_own_date(client, hub):
    page = InformationPageFactory(parent=hub, title="Checked later", summary="A page.")
    page.refresh_from_db()
    published = page.first_published_at.date()
    page.last_updated = published + datetime.timedelta(days=10)
    page.save_revision().publish()
    dates = review_dates(client, page.url)
    assert dates["Last updated"] == published + datetime.timedelta(days=10)
    page.last_updated = published - datetime.timedelta(days=30)
    page.save_revision().publish()
    assert review_dates(client, page.url)["Last updated"] == published


# --- Missing topics (review section 4) -----------------------------------------------------------


def test_the_missing_topics_are_on_the_living_with_treatment_page_with_links_out(client, loaded):
    url = "/understanding-mrd/living-with-treatment/"
    soup = soup_of(client, url)
    text = " ".join(soup.find("main").get_text(" ").split())
    for words in (
        "38°C or above",
        "chickenpox or measles",
        "The first weeks, step by step",
        "CNS1",
        "Side effects at home",
        "Down syndrome",
        "Teenagers and young adults",
        "T-cell ALL",
        "comes back",
        "maintenance",
        "School and nursery",
        "Money",
        "late effects",
    ):
        assert words in text, words
    hosts = {re.sub(r"^https?://(www\.)?", "", a["href"]).split("/")[0] for a in soup.select("main a[href^='http']")}
    for host in (
        "cclg.org.uk",
        "nhs.uk",
        "cancerresearchuk.org",
        "leukaemiacare.org.uk",
        "bloodcancer.org.uk",
        "younglivesvscancer.org.uk",
        "teenagecancertrust.org",
    ):
        assert host in hosts, host
    # It is in the hub's topics and the footer menu (the main menu keeps its seven items).
    assert soup_of(client, "/understanding-mrd/").select_one(f"main a[href='{url}']") is not None
    assert soup_of(client, "/").select_one(f"footer a[href='{url}']") is not None


def test_what_a_result_is_a_share_of_and_trial_consent_are_covered(client, loaded):
    results = text_of(client, "/understanding-mrd/reading-mrd-results/")
    assert "What the number is a share of" in results and "blood sample" in results
    trial = text_of(client, "/understanding-mrd/uk-all-2003/")
    assert "randomisation" in trial and "stop taking part at any time" in trial
    soup = soup_of(client, "/understanding-mrd/questions-to-ask/")
    for popover in soup.select(".glossary-popover, .glossary-term__toggle"):
        popover.decompose()  # a linked word's definition, read only when opened
    questions = [" ".join(item.get_text(" ").split()) for item in soup.select("main li")]
    assert any("sensitivity of my child" in question for question in questions), questions
    assert any("found, or not found" in question for question in questions), questions
