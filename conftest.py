import pytest

pytest_plugins = ["mrdinfo.testing.fixtures"]


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
