"""The register of personal data: every kind of record the site keeps about a person, what it
holds, why we may keep it (the lawful basis), for how long, and how to find, export, erase and
prune it. Each app registers its own records in its AppConfig.ready() (core imports no app);
the privacy app's erasure, subject-access export and `prune_personal_data` work through it, and
the privacy notice's retention table is rendered from it ({% retention_table %}: the
`retention_table` block), so the notice and what the code does cannot disagree."""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# No type stubs for python-dateutil are installed.
from dateutil.relativedelta import relativedelta  # type: ignore[import-untyped]

UNITS = ("days", "months", "years")


@dataclass(frozen=True)
class Period:
    """How long a record is kept: `amount` `unit` after `after` (words for the notice)."""

    amount: int
    unit: str  # "days", "months" or "years"
    after: str  # e.g. "the event", "it was sent"

    def __post_init__(self) -> None:
        if self.unit not in UNITS or self.amount < 1:
            raise ValueError(f"a period is a positive number of {', '.join(UNITS)}")

    @property
    def words(self) -> str:
        unit = self.unit if self.amount != 1 else self.unit[:-1]
        return f"{self.amount} {unit} after {self.after}"

    def cutoff(self, now: datetime) -> datetime:
        """Records whose clock started before this moment are past their period at `now`."""
        return now - relativedelta(**{self.unit: self.amount})


@dataclass(frozen=True)
class PersonalData:
    """One kind of record holding personal data.

    fields: for each model holding it ("app_label.Model"), the names of its fields that hold
    personal data: shown on the data-protection screen, exported, and what erasure empties (or,
    for a record deleted whole, all of it);
    find(email) → the records about that person (model instances);
    erase(records) → erases or minimises them (what `on_erasure` says), returns how many;
    export(record) → the record as plain data, for a subject access request (by default its
    `fields`);
    prune(cutoff) → erases or anonymises every record whose period started before `cutoff`
    (`period.cutoff(now)`), returns how many; None when the site does not hold it (server logs,
    whose rotation is in deploy/) or nothing is due by time."""

    key: str
    what: str  # the notice's row: "Messages you send with our contact form"
    holds: str  # "your name, email address and message"
    lawful_basis: str
    period: Period | None  # None: kept while `kept_while` holds
    on_erasure: str  # what erasing does, shown on the data-protection screen
    fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # {"app_label.Model": (field, ...)}
    kept_while: str = ""  # when there is no period: "while you stay subscribed"
    find: Callable[[str], list[Any]] | None = None
    erase: Callable[[list[Any]], int] | None = None
    export: Callable[[Any], dict[str, Any]] | None = None
    prune: Callable[[datetime], int] | None = None
    in_notice: bool = True
    order: int = 100

    @property
    def models(self) -> tuple[str, ...]:
        """The "app_label.Model" of every model holding it."""
        return tuple(self.fields)

    def export_record(self, record: Any) -> dict[str, Any]:
        if self.export is not None:
            return self.export(record)
        return fields_of(record, self.fields.get(record._meta.label, ()))

    @property
    def retention(self) -> str:
        if self.period is None:
            return self.kept_while
        if self.kept_while:
            return f"{self.kept_while}, then {self.period.words}"
        return self.period.words


_REGISTER: dict[str, PersonalData] = {}


def register(entry: PersonalData) -> None:
    """Add (or, with the same key, replace) a kind of personal data."""
    _REGISTER[entry.key] = entry


SessionMarks = Callable[[str], set[tuple[str, str]]]
_SESSION_MARKS: list[SessionMarks] = []


def register_session_marks(marks: SessionMarks) -> None:
    """An app that keeps something about a person in their session (a key and its value, such as
    the gift they are making) says how to recognise it, so the session is found by their email."""
    if marks not in _SESSION_MARKS:
        _SESSION_MARKS.append(marks)


def session_marks(email: str) -> set[tuple[str, str]]:
    return {mark for marks in _SESSION_MARKS for mark in marks(email)}


def entries() -> list[PersonalData]:
    return sorted(_REGISTER.values(), key=lambda entry: (entry.order, entry.key))


def entry(key: str) -> PersonalData:
    return _REGISTER[key]


def notice_entries() -> list[PersonalData]:
    return [item for item in entries() if item.in_notice]


def registered_models() -> set[str]:
    return {label for item in entries() for label in item.models}


def text_mentions(value: Any, needle: str) -> bool:
    """Whether `needle` (lower case) appears in a string, or in any string inside a JSON value."""
    if isinstance(value, str):
        return needle in value.lower()
    if isinstance(value, dict):
        return any(text_mentions(item, needle) for item in value.values())
    if isinstance(value, (list, tuple)):
        return any(text_mentions(item, needle) for item in value)
    return False


def plain(value: Any) -> Any:
    """A field value as JSON can hold it (dates as ISO text, decimals and UUIDs as strings)."""
    if value is None or isinstance(value, (bool, int, float, str, list, dict)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def fields_of(record: Any, names: Iterable[str]) -> dict[str, Any]:
    return {name: plain(getattr(record, name)) for name in names}
