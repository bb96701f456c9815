"""The one rule for unique names on a page (core/pages/slugs.py)."""

from mrdinfo.core.pages.slugs import unique_slug


def test_a_repeat_gets_the_next_free_number_and_the_name_is_taken():
    taken = {"results", "results-2"}
    assert unique_slug("results", taken) == "results-3"
    assert unique_slug("questions", taken) == "questions"
    assert unique_slug("questions", taken) == "questions-2"
    assert taken == {"results", "results-2", "results-3", "questions", "questions-2"}


def test_a_name_that_looks_numbered_is_its_own_base():
    taken = {"step-2"}
    assert unique_slug("step", taken) == "step"
    assert unique_slug("step", taken) == "step-3"
