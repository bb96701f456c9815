"""The shape of the code. Which module may import which (core imports no domain app, apps do not
import each other, production code imports no test helper) is checked by import-linter in
`make lint`: its contracts are in pyproject.toml ([tool.importlinter]) and it sees imports inside
functions too. Here: no production module is over 300 lines and no test module over 400, except
migrations (a longer one holds more than one job; issue 23)."""

from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]  # mrdinfo/
MAX_LINES = 400
MAX_PRODUCTION_LINES = 300


def python_files():
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def test_no_module_is_over_400_lines_except_migrations():
    too_long = []
    for path in python_files():
        if "migrations" in path.parts:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            too_long.append(f"{path.relative_to(PACKAGE.parent)}: {lines} lines")
    assert too_long == []


def is_test_code(path):
    relative = path.relative_to(PACKAGE)
    return "tests" in relative.parts or relative.parts[0] == "testing"


def long_production_modules():
    too_long = []
    for path in python_files():
        if "migrations" in path.parts or is_test_code(path):
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_PRODUCTION_LINES:
            too_long.append(f"{path.relative_to(PACKAGE.parent)}: {lines} lines")
    return too_long


def test_no_production_module_is_over_300_lines():
    assert long_production_modules() == []


# The check itself can fail: it finds what it is for in a small made-up package.


@pytest.fixture
def fake_package(tmp_path, monkeypatch):
    root = tmp_path / "mrdinfo"
    (root / "alpha").mkdir(parents=True)
    monkeypatch.setattr(f"{__name__}.PACKAGE", root)
    return root


def test_a_long_module_is_found(fake_package):
    (fake_package / "alpha" / "models.py").write_text("x = 1\n" * (MAX_LINES + 1))
    (fake_package / "alpha" / "migrations").mkdir()
    (fake_package / "alpha" / "migrations" / "0001_initial.py").write_text("x = 1\n" * 1000)
    with pytest.raises(AssertionError, match="alpha/models.py: 401 lines"):
        test_no_module_is_over_400_lines_except_migrations()


def test_a_long_production_module_is_found_and_a_test_module_of_that_length_is_not(fake_package):
    (fake_package / "alpha" / "views.py").write_text("x = 1\n" * (MAX_PRODUCTION_LINES + 1))
    (fake_package / "alpha" / "tests").mkdir()
    (fake_package / "alpha" / "tests" / "test_views.py").write_text("x = 1\n" * (MAX_PRODUCTION_LINES + 1))
    (fake_package / "testing").mkdir()
    (fake_package / "testing" / "browser.py").write_text("x = 1\n" * (MAX_PRODUCTION_LINES + 1))
    assert long_production_modules() == ["mrdinfo/alpha/views.py: 301 lines"]
