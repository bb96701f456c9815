"""The sample events in content/: enough of them, across types and regions, upcoming whenever
they are loaded, with pictures that have alt text; and the loader's mistakes reported by line."""

import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from django.conf import settings
from django.utils import timezone

from mrdinfo.core.content.errors import ContentError
from mrdinfo.core.content.loader import ContentLoader
from mrdinfo.events.models import EventPage, EventRegion, EventType
from mrdinfo.testing.html import select, text

pytestmark = pytest.mark.django_db
CONTENT = Path(settings.BASE_DIR) / "content"


def test_the_sample_events_load_upcoming_and_past(client):
    ContentLoader(CONTENT).load()
    events = list(EventPage.objects.live())
    upcoming = [e for e in events if not e.has_finished]
    past = [e for e in events if e.has_finished]
    assert len(events) >= 8 and len(upcoming) >= 6 and len(past) >= 2
    assert len({e.event_type_id for e in events}) >= 5 and len({e.region_id for e in events}) >= 5
    statuses = {e.status for e in upcoming}
    assert {"cancelled", "postponed", "open"} <= statuses
    assert all(e.image and e.image.description for e in events)
    assert all(timezone.is_aware(e.start) for e in events)
    assert EventType.objects.count() >= 6 and EventRegion.objects.count() >= 5
    # The index shows them: upcoming in date order.
    listed = [text(title) for title in select(client.get("/events/"), ".event-list .event-card__title")]
    expected = [e.title for e in sorted(upcoming, key=lambda e: e.start)]
    assert [title for title in listed if title in expected] == expected


def test_times_in_files_are_london_wall_clock_times():
    ContentLoader(CONTENT).load()
    run = EventPage.objects.get(slug="riverside-10k")
    assert run.local_start.hour == 9 and run.local_end.hour == 12
    assert run.local_start.date() == timezone.localdate() + timedelta(days=24)


def test_loading_on_a_later_day_moves_the_sample_dates_along(site_content):
    first = EventPage.objects.get(slug="riverside-10k").start
    later = timezone.localdate() + timedelta(days=100)
    ContentLoader(CONTENT, today=later).load()
    moved = EventPage.objects.get(slug="riverside-10k")
    assert moved.local_start.date() == later + timedelta(days=24) and moved.start > first
    assert not moved.has_finished


def test_a_bad_date_is_reported_at_its_line(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    path = tmp_path / "content" / "pages" / "events" / "riverside-10k.yaml"
    lines = path.read_text().splitlines()
    line_number = next(i for i, line in enumerate(lines, 1) if line.startswith("start:"))
    lines[line_number - 1] = "start: next tuesday"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(ContentError) as error:
        ContentLoader(tmp_path / "content").load()
    assert f"riverside-10k.yaml:{line_number}" in str(error.value) and "+21 days 10:00" in str(error.value)
    assert not EventPage.objects.exists()


def test_an_unknown_event_type_is_reported_at_its_line(tmp_path):
    shutil.copytree(CONTENT, tmp_path / "content")
    path = tmp_path / "content" / "pages" / "events" / "riverside-10k.yaml"
    path.write_text(path.read_text().replace("event_type: Run", "event_type: Rowing"))
    with pytest.raises(ContentError, match="there is no event type 'Rowing'"):
        ContentLoader(tmp_path / "content").load()
