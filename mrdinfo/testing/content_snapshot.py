"""The site's real content (content/, as `load_content` leaves it) for tests, cheaply.

Loading content/ takes seconds; about a hundred tests need it. So each test process loads it
once, inside a transaction it rolls back, and keeps a copy of every table's rows as they were
then (a snapshot). The `site_content` fixture (fixtures.py) writes those rows back into the
test's own database in one transaction: every table is emptied and refilled, so the result is
the same whether the test runs in a transaction (`db`) or against a live server after another
test emptied the database (`transactional_db`). PostgreSQL copies rows with COPY; SQLite with
plain INSERTs. Sequences are moved past the copied ids afterwards.

core/content/tests/test_site_content_fixture.py checks that the snapshot renders every page exactly as
a fresh ContentLoader.load() does, so a test using the fixture sees what load_content gives."""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction

CONTENT_DIR = Path(settings.BASE_DIR) / "content"
# Written by migrations only, and Django reads it to know what is applied: never copied.
SKIPPED_TABLES = {"django_migrations"}


def table_names() -> list[str]:
    """Every table with rows of its own. SQLite's full-text tables (Wagtail's search index) are
    left out: triggers on wagtailsearch_indexentry keep them in step, and their internal
    tables must never be written directly."""
    names = set(connection.introspection.table_names()) - SKIPPED_TABLES
    for virtual in sqlite_virtual_tables():
        names = {name for name in names if name != virtual and not name.startswith(virtual + "_")}
    return sorted(names)


def sqlite_virtual_tables() -> list[str]:
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
        return [name for (name,) in cursor.fetchall()]


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def read_tables() -> dict[str, object]:
    """{table: its rows} for every table with any (PostgreSQL: COPY text; SQLite: tuples)."""
    rows: dict[str, object] = {}
    with connection.cursor() as cursor:
        for table in table_names():
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                    data = b"".join(bytes(chunk) for chunk in copy)
                if data:
                    rows[table] = data
            else:
                cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608 - table names from introspection
                fetched = cursor.fetchall()
                if fetched:
                    rows[table] = ([column[0] for column in cursor.description], fetched)
    return rows


def write_tables(rows: dict[str, object]) -> None:
    """Make the database hold exactly these rows (in one transaction; foreign keys are checked
    at its end, so the order of the tables does not matter)."""
    tables = table_names()
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in tables + sqlite_virtual_tables():
            cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
        for table, data in rows.items():
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                    copy.write(data)
            else:
                columns, values = data  # type: ignore[misc]
                names = ", ".join(quote(column) for column in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", values)  # noqa: S608
        reset_sequences(cursor, set(rows))
    # Content types are cached by id in this process; after a flush the ids may have changed.
    ContentType.objects.clear_cache()


def reset_sequences(cursor, tables: set[str]) -> None:
    """PostgreSQL: the next id of each copied table comes after the largest copied one."""
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT follows the largest id by itself
    models = [model for model in apps.get_models(include_auto_created=True) if model._meta.db_table in tables]
    for statement in connection.ops.sequence_reset_sql(no_style(), models):
        cursor.execute(statement)


class ContentSnapshot:
    """The rows of a freshly migrated database, and of the same database after loading content/."""

    def __init__(self, base: dict[str, object]) -> None:
        self.base = base
        self._loaded: dict[str, object] | None = None

    @classmethod
    def of_current_database(cls) -> "ContentSnapshot":
        return cls(read_tables())

    def loaded(self) -> dict[str, object]:
        if self._loaded is None:
            from mrdinfo.core.content.loader import ContentLoader

            with transaction.atomic():
                write_tables(self.base)  # start from the migrated state, whatever ran before
                ContentLoader(CONTENT_DIR).load()
                self._loaded = read_tables()
                transaction.set_rollback(True)
        return self._loaded

    def restore(self) -> None:
        write_tables(self.loaded())
