"""Dates and times in content files: aware, in Europe/London, and relative to the loading day."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mrdinfo.core.content.dates import content_date, content_datetime

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 3, 20)


def test_a_wall_clock_time_is_london_time_either_side_of_the_clock_change():
    before = content_datetime("2026-03-28 10:00")  # GMT
    after = content_datetime("2026-03-29 10:00")  # BST: clocks went forward at 01:00 that night
    assert before.utcoffset() == timedelta(0) and before.hour == 10
    assert after.utcoffset() == timedelta(hours=1) and after.hour == 10
    assert after.astimezone(ZoneInfo("UTC")) - before.astimezone(ZoneInfo("UTC")) == timedelta(hours=23)


def test_yaml_values_are_made_aware_in_london():
    assert content_datetime(datetime(2026, 7, 1, 9, 30)) == datetime(2026, 7, 1, 9, 30, tzinfo=LONDON)
    assert content_datetime(date(2026, 7, 1)) == datetime(2026, 7, 1, 0, 0, tzinfo=LONDON)
    # A value with its own offset keeps it.
    assert content_datetime("2026-07-01T09:30+00:00").utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+21 days 10:00", datetime(2026, 4, 10, 10, 0, tzinfo=LONDON)),
        ("+1 day", datetime(2026, 3, 21, 0, 0, tzinfo=LONDON)),
        ("-3 weeks 18:30", datetime(2026, 2, 27, 18, 30, tzinfo=LONDON)),
        ("today 07:05", datetime(2026, 3, 20, 7, 5, tzinfo=LONDON)),
    ],
)
def test_relative_times_count_from_the_loading_day(text, expected):
    moment = content_datetime(text, today=TODAY)
    assert moment == expected and moment.tzinfo is not None


def test_relative_dates_for_date_fields():
    assert content_date("+2 weeks", today=TODAY) == date(2026, 4, 3)
    assert content_date("2026-11-25") == date(2026, 11, 25)


@pytest.mark.parametrize("bad", ["next tuesday", "+3 fortnights", "2026-13-01 10:00", "+2 days 25:00"])
def test_nonsense_is_refused_with_the_formats_that_work(bad):
    with pytest.raises(ValueError, match="2026-10-25|hour"):
        content_datetime(bad, today=TODAY)


def test_date_and_date_time_blocks_in_a_stream_read_like_date_fields():
    """A StreamField's date-time block is a London wall-clock time, as a DateTimeField's is, and
    both kinds of block take dates relative to the loading day; a bad one is reported at its line."""
    from wagtail import blocks

    from mrdinfo.core.content.errors import ContentError
    from mrdinfo.core.content.references import Resolver
    from mrdinfo.core.content.streams import StreamReader
    from mrdinfo.core.content.yaml_lines import load_yaml

    stream = blocks.StreamBlock([("when", blocks.DateTimeBlock()), ("day", blocks.DateBlock())])
    reader = StreamReader(Resolver(), today=TODAY)
    items = load_yaml("- when: 2026-03-28 10:00\n- when: +9 days 10:00\n- day: -1 weeks\n- day: 2026-04-02\n")
    stored = [block["value"] for block in reader.stream_value(stream, items, "content/x.yaml", 1, "seed")]
    in_london = [moment.astimezone(LONDON) for moment in stored[:2]]
    assert [(m.date(), m.hour, m.utcoffset()) for m in in_london] == [
        (date(2026, 3, 28), 10, timedelta(0)),
        (date(2026, 3, 29), 10, timedelta(hours=1)),  # the clocks went forward that night
    ]
    assert stored[2:] == [date(2026, 3, 13), date(2026, 4, 2)]

    with pytest.raises(ContentError) as error:
        reader.stream_value(stream, load_yaml("- day: today\n- when: next tuesday\n"), "content/x.yaml", 1, "s")
    assert (error.value.path, error.value.line) == ("content/x.yaml", 2)
    assert "'next tuesday' is not a date and time" in error.value.message
