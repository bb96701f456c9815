import pytest

pytest_plugins = ["mrdinfo.testing.fixtures"]

# CI runs every test once on PostgreSQL with Redis (as production), and on SQLite (the embedded
# default of `make run`) only the tests marked `sqlite`: those that exercise what differs there.
# A test or module can say `@pytest.mark.sqlite` itself; these modules are marked from here.
# Tests that start their own servers with their own settings (drills, settings) run once either way.
SQLITE_TOO = (
    # Loading content/ into SQLite, and the `site_content` snapshot's SQLite path.
    "mrdinfo/core/content/tests/test_content_loader.py",
    "mrdinfo/core/content/tests/test_content_loader_hardening.py",
    "mrdinfo/core/content/tests/test_site_content_fixture.py",
    # Wagtail's database search backend is a different backend on SQLite (FTS5).
    "mrdinfo/search/tests/test_search.py",
    # A live server on SQLite: its table lock while the editor's session is released.
    "mrdinfo/editorial/tests/test_content_checks_browser.py",
    # Forms are stored before anything is sent, on the default database too.
    "mrdinfo/forms/tests/test_form_page.py",
)


def pytest_collection_modifyitems(items):
    for item in items:
        if item.nodeid.split("::", 1)[0] in SQLITE_TOO:
            item.add_marker(pytest.mark.sqlite)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the test item, so fixtures can tell whether the test failed.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


def pytest_terminal_summary(terminalreporter):
    from mrdinfo.testing import browser

    # Asked again here, in the main process: with pytest-xdist the skips happen in workers.
    reason = browser.chromium_missing_message()
    if reason and not browser.browser_required():
        line = "!" * 78
        terminalreporter.write_line(line, red=True, bold=True)
        terminalreporter.write_line("BROWSER TESTS DID NOT RUN. " + reason, red=True, bold=True)
        terminalreporter.write_line("CI sets REQUIRE_BROWSER=1, where this is a failure.", red=True, bold=True)
        terminalreporter.write_line(line, red=True, bold=True)
