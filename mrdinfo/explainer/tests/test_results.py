"""The result reader's wording (reader.py) for the answers of the grammar (results.py, whose
forms are in the table of test_reader_table.py): plain words, the scale, never a risk."""

import pytest

from mrdinfo.explainer import reader
from mrdinfo.explainer.results import read_result

METHODS = [
    ("Microscope", -2, -2, "1 in 100"),
    ("MRD test by PCR", -5, -4, "1 in 10,000 to 1 in 100,000"),
    ("Newer tests", -6, -6, "1 in 1,000,000"),
]


@pytest.mark.parametrize(
    ("typed", "headline"),
    [
        ("1E-04", "1 in 10,000 cells of the sample"),
        ("0.01%", "1 in 10,000 cells of the sample"),
        ("<0.01%", "Fewer than 1 in 10,000 cells of the sample"),
        ("1.5E-03", "About 1 in 670 cells of the sample"),  # the "about 1 in" form leads
        ("0.001%", "1 in 100,000 cells of the sample"),
        ("negative", "None found"),
        ("positive, not quantifiable", "Found, but too few to measure exactly"),
        ("positive <0.01%", "Found, but fewer than 1 in 10,000 cells of the sample"),
        ("not detected (<0.01%)", "None found, by a test that can find 1 in 10,000"),
        ("≥0.01%", "1 in 10,000 cells of the sample or more"),
        ("0.03% of CD19+ cells", "About 1 in 3,300 of the CD19+ cells counted"),
        ("no marker", "No result from this sample"),
    ],
)
def test_the_answer_in_plain_words(typed, headline):
    view = reader.reader_view(read_result(typed), METHODS, typed)
    assert view["ok"] and view["headline"] == headline
    assert view["ask"] == "Ask your care team what this means for your child."
    assert view["summary"].endswith(view["ask"])


def test_a_share_is_placed_against_each_test_and_on_the_scale():
    view = reader.reader_view(read_result("1E-04"), METHODS, "1E-04")
    assert view["other_ways"] == ["0.01%", "1 × 10⁻⁴", "1E-04"]
    assert [line["status"] for line in view["placement"]] == ["cannot", "finds", "finds"]
    here = [row["label"] for row in view["scale"] if row["here"]]
    assert here == ["1 in 10,000"]
    floors = {row["label"]: row["floors"] for row in view["scale"]}
    assert floors["1 in 100"] == ["Microscope finds down to here"]
    assert floors["1 in 100,000"] == ["MRD test by PCR, at its best"]
    # Between two powers it gets a row of its own, labelled with its value, between them (R2):
    # 0.5% is between 1 in 100 and 1 in 1,000, not on either.
    for typed, label, above, below in [
        ("0.5%", "1 in 200", "1 in 100", "1 in 1,000"),
        ("1.5E-03", "about 1 in 670", "1 in 100", "1 in 1,000"),
        ("5E-05", "1 in 20,000", "1 in 10,000", "1 in 100,000"),
    ]:
        labels = [row["label"] for row in reader.reader_view(read_result(typed), METHODS, typed)["scale"]]
        here = [row["label"] for row in reader.reader_view(read_result(typed), METHODS, typed)["scale"] if row["here"]]
        assert here == [label] and labels.index(above) + 1 == labels.index(label) == labels.index(below) - 1
    view = reader.reader_view(read_result("1.5E-03"), METHODS, "1.5E-03")
    assert view["other_ways"] == ["0.15%", "1.5 × 10⁻³", "1.5E-03", "1.5 in 1,000"]


def test_a_tiny_share_is_never_zero_percent_and_is_flagged_as_beyond_any_test():
    view = reader.reader_view(read_result("1E-09"), METHODS, "1E-09")
    assert view["other_ways"][0] == "0.0000001%"  # R9: exact, never 0%
    assert any("No MRD test used for children can measure a share this small" in n for n in view["notes"])
    assert not reader.reader_view(read_result("1E-05"), METHODS, "1E-05")["notes"]


def test_a_bare_decimal_shows_both_readings_side_by_side():
    view = reader.reader_view(read_result("0.01"), METHODS, "0.01")
    assert view["question"] == "Does your report show a % sign after the number?"
    assert [c["headline"] for c in view["choices"]] == [
        "1 in 10,000 cells of the sample",
        "1 in 100 cells of the sample",
    ]
    assert [c["text"] for c in view["choices"]] == ["0.01%", "1E-02"]
    view = reader.reader_view(read_result("10e-4"), METHODS, "10e-4")
    assert view["question"] == "Did you mean 10⁻⁴ (1 in 10,000)?"


def test_notes_for_a_lost_superscript_a_group_of_cells_and_flow():
    notes = reader.reader_view(read_result("<10-4"), METHODS, "<10-4")["notes"]
    assert notes[0].startswith("We read 10-4 as 10⁻⁴ (1 in 10,000).")
    notes = reader.reader_view(read_result("0.03% of CD19+ cells (flow)"), METHODS, "x")["notes"]
    assert "This is a share of the CD19+ cells the lab counted" in notes[0] and "flow cytometry" in notes[1]


def test_indeterminate_is_a_result_or_a_risk_group_not_only_a_risk_group():
    view = reader.reader_view(read_result("indeterminate"), METHODS, "indeterminate")
    assert "can be a result or a risk group" in view["explanation"]  # R12


def test_below_says_labs_use_it_for_two_different_results():
    view = reader.reader_view(read_result("<0.01%"), METHODS, "<0.01%")
    assert "two different results" in view["lab_words"] and "Ask which" in view["lab_words"]
    negative = reader.reader_view(read_result("negative"), METHODS, "negative")
    assert "does not mean there are none" in negative["explanation"]


@pytest.mark.parametrize(
    "typed",
    [
        "1E-04",
        "<0.01%",
        "negative",
        "positive",
        "positive, not quantifiable",
        "indeterminate",
        "no marker",
        "0.01",
        "x",
    ],
)
def test_the_reader_never_states_a_risk(typed):
    view = reader.reader_view(read_result(typed), METHODS, typed)
    words = " ".join(str(value) for value in view.values()).lower()
    for risky in ("risk of", "chance", "survival", "good news", "bad news", "likely", "cure"):
        assert risky not in words, (typed, risky)


def test_what_could_not_be_read_says_kindly_what_to_try_and_sends_to_the_care_team():
    view = reader.reader_view(read_result("abc" * 5000), METHODS, "abc" * 5000)
    assert not view["ok"] and "type it as written" not in view["message"].lower()
    assert view["message"].startswith("We could not read that, which happens with some report wordings.")
    assert view["summary"].endswith("Your care team can also go through the report with you.")  # R13
    assert len(view["typed"]) == 100  # kept, but not 15 KB of it
    assert "type that too, like this: 5%" in reader.reader_view(read_result("5"), METHODS, "5")["message"]


def test_below_and_above_keep_their_relation_in_every_notation():
    below = reader.reader_view(read_result("<0.01%"), METHODS, "<0.01%")
    assert below["other_ways"] == ["below 0.01%", "below 1 × 10⁻⁴", "below 1E-04"]
    assert "or that none were found" in below["explanation"]
    assert "Labs use “below 0.01%” for two different results." in below["lab_words"]
    above = reader.reader_view(read_result(">0.1%"), METHODS, ">0.1%")
    assert above["headline"] == "More than 1 in 1,000 cells of the sample"
    assert above["other_ways"][0] == "above 0.1%"
