"""The shape of the code, checked by reading it (ast), not by importing it:

- production code (everything in mrdinfo/ outside tests/ and testing/) imports no test helper:
  not mrdinfo.testing, not factory_boy, not pytest (none of them is installed in production);
- no two apps import each other at module level (a loop makes the import order matter and the
  apps impossible to understand one at a time), and core imports no domain app at all;
- no module is over 400 lines, except migrations: a longer one holds more than one job."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]  # mrdinfo/
FORBIDDEN_IN_PRODUCTION = ("mrdinfo.testing", "factory", "pytest", "_pytest")
MAX_LINES = 400


def python_files():
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def is_test_code(path):
    parts = path.relative_to(PACKAGE).parts
    return "tests" in parts or parts[0] == "testing" or path.name == "conftest.py"


def module_name(path):
    parts = ("mrdinfo",) + path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path, top_level_only=False):
    """(line, module) for each import in a file; relative imports resolved to full names."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    nodes = tree.body if top_level_only else ast.walk(tree)
    found = []
    for node in nodes:
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            found.append((node.lineno, module))
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def app_of(module):
    """The app a module belongs to: mrdinfo.<app>.… when <app> has an apps.py, else None."""
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != "mrdinfo":
        return None
    return parts[1] if (PACKAGE / parts[1] / "apps.py").exists() else None


def forbidden_imports():
    problems = []
    for path in python_files():
        if is_test_code(path):
            continue
        for line, module in imported_modules(path):
            if any(module == name or module.startswith(name + ".") for name in FORBIDDEN_IN_PRODUCTION):
                problems.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}")
    return sorted(set(problems))


def app_import_graph():
    """{app: {other app: "file:line"}} for module-level imports in production code."""
    graph = {}
    for path in python_files():
        if is_test_code(path) or "migrations" in path.parts:
            continue
        app = app_of(module_name(path))
        if app is None:
            continue
        for line, module in imported_modules(path, top_level_only=True):
            other = app_of(module)
            if other and other != app:
                graph.setdefault(app, {}).setdefault(other, f"{path.relative_to(PACKAGE.parent)}:{line}")
    return graph


def circular_imports(graph):
    loops = []
    for app, others in graph.items():
        for other, where in others.items():
            if app < other and app in graph.get(other, {}):
                loops.append(f"{app} ⇄ {other} ({where}; {graph[other][app]})")
    return loops


def test_production_code_imports_no_test_helpers():
    assert forbidden_imports() == []


def test_no_two_apps_import_each_other():
    graph = app_import_graph()
    assert graph, "the import graph is empty: the test is not reading the apps"
    assert circular_imports(graph) == []


def core_imports_of_domain_apps():
    """Imports of a domain app from core's production code, anywhere in a module."""
    problems = []
    for path in python_files():
        if is_test_code(path) or app_of(module_name(path)) != "core":
            continue
        for line, module in imported_modules(path):
            other = app_of(module)
            if other and other != "core":
                problems.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {module}")
    return sorted(set(problems))


def test_core_imports_no_domain_app():
    """Apps register with core (content loaders, hooks, signals); core never reaches into them."""
    assert core_imports_of_domain_apps() == []


def test_no_module_is_over_400_lines_except_migrations():
    too_long = []
    for path in python_files():
        if "migrations" in path.parts:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            too_long.append(f"{path.relative_to(PACKAGE.parent)}: {lines} lines")
    assert too_long == []


# The checks themselves can fail: each finds what it is for in a small made-up package.


@pytest.fixture
def fake_package(tmp_path, monkeypatch):
    root = tmp_path / "mrdinfo"
    for app in ("alpha", "beta"):
        (root / app / "tests").mkdir(parents=True)
        (root / app / "apps.py").write_text("")
        (root / app / "__init__.py").write_text("")
    monkeypatch.setattr(f"{__name__}.PACKAGE", root)
    return root


def test_a_production_import_of_a_test_helper_is_found(fake_package):
    (fake_package / "alpha" / "tests" / "factories.py").write_text("import factory\n")
    assert forbidden_imports() == []
    (fake_package / "alpha" / "views.py").write_text(
        "def view():\n    from mrdinfo.testing.site import make_home_page\n"
    )
    (fake_package / "alpha" / "models.py").write_text("import pytest\nfrom factory import Faker\n")
    assert forbidden_imports() == [
        "mrdinfo/alpha/models.py:1 imports pytest",
        "mrdinfo/alpha/models.py:2 imports factory",
        "mrdinfo/alpha/models.py:2 imports factory.Faker",
        "mrdinfo/alpha/views.py:2 imports mrdinfo.testing.site",
        "mrdinfo/alpha/views.py:2 imports mrdinfo.testing.site.make_home_page",
    ]


def test_two_apps_importing_each_other_are_found(fake_package):
    (fake_package / "alpha" / "models.py").write_text("from mrdinfo.beta.models import Thing\n")
    (fake_package / "beta" / "views.py").write_text("def view():\n    from mrdinfo.alpha import models\n")
    assert circular_imports(app_import_graph()) == []  # an import inside a function is not a loop
    (fake_package / "beta" / "blocks.py").write_text("from ..alpha.models import Other\n")
    assert circular_imports(app_import_graph()) == [
        "alpha ⇄ beta (mrdinfo/alpha/models.py:1; mrdinfo/beta/blocks.py:1)"
    ]


def test_core_importing_a_domain_app_is_found(fake_package):
    (fake_package / "core").mkdir()
    (fake_package / "core" / "apps.py").write_text("")
    (fake_package / "core" / "tests").mkdir()
    (fake_package / "core" / "tests" / "test_x.py").write_text("from mrdinfo.alpha import models\n")
    (fake_package / "core" / "views.py").write_text("def view():\n    from mrdinfo.alpha.models import Thing\n")
    assert core_imports_of_domain_apps() == [
        "mrdinfo/core/views.py:2 imports mrdinfo.alpha.models",
        "mrdinfo/core/views.py:2 imports mrdinfo.alpha.models.Thing",
    ]


def test_a_long_module_is_found(fake_package):
    (fake_package / "alpha" / "models.py").write_text("x = 1\n" * (MAX_LINES + 1))
    (fake_package / "alpha" / "migrations").mkdir()
    (fake_package / "alpha" / "migrations" / "0001_initial.py").write_text("x = 1\n" * 1000)
    with pytest.raises(AssertionError, match="alpha/models.py: 401 lines"):
        test_no_module_is_over_400_lines_except_migrations()
