"""A faster way for tests to empty a PostgreSQL database between live-server tests.

pytest-django empties the database after every `transactional_db` or `live_server` test with
Django's flush, which on PostgreSQL is one TRUNCATE of every table. TRUNCATE makes new files for
each of the ~100 tables and their indexes: about 0.3 s a test on an idle machine, and several
hundred such tests ran in CI. DELETE of the same tables, in one transaction with the foreign
keys checked at its end (Django creates them DEFERRABLE INITIALLY DEFERRED), leaves the same
empty tables in about a tenth of the time for the few rows a test writes. Sequences are not
reset either way unless asked (then Django's own TRUNCATE ... RESTART IDENTITY is kept)."""

from django.db.backends.postgresql.operations import DatabaseOperations

_truncate_flush = DatabaseOperations.sql_flush


def delete_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
    if reset_sequences or not tables:
        return _truncate_flush(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
    deletes = [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};" for table in tables]
    return ["SET CONSTRAINTS ALL DEFERRED;", *deletes]


def use_delete_flush() -> None:
    DatabaseOperations.sql_flush = delete_flush
