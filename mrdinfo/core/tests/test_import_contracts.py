"""import-linter's contracts (pyproject.toml, run by `make lint`) can fail: a made-up import of
each forbidden kind, added to a copy of the package, breaks the matching contract. Inside a
function too, which the hand-written check this replaced could not see."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory):
    target = tmp_path_factory.mktemp("imports")
    shutil.copytree(ROOT / "mrdinfo", target / "mrdinfo", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", target / "pyproject.toml")
    return target


def lint(project):
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=project, capture_output=True, text=True, timeout=300,
        env={"PYTHONPATH": str(project), "PATH": str(LINT_IMPORTS.parent)},
    )  # fmt: skip
    return result.returncode, result.stdout + result.stderr


# For each contract: made-up imports that break it (one inside a function), and its name.
FORBIDDEN = {
    "core imports no domain app": {"core/extra.py": "def f():\n    from mrdinfo.giving import models\n"},
    "domain apps never import each other": {
        "news/extra.py": "def f():\n    from mrdinfo.people.models import Person\n"
    },
    "editorial imports no content app": {
        "editorial/extra.py": "def f():\n    from mrdinfo.information.models import InformationPage\n"
    },
    "production code never imports test helpers": {
        "forms/extra.py": "def f():\n    from mrdinfo.testing import html\n",
        "events/extra.py": "import factory\n",
    },
    # A lower room reaching up (operations is below caching, which builds on it).
    "core's rooms are layered": {
        "core/operations/extra.py": "def f():\n    from mrdinfo.core.caching import page_cache\n"
    },
}


def test_the_code_as_it_is_keeps_every_contract(project_copy):
    returncode, output = lint(project_copy)
    assert returncode == 0, output
    assert "Contracts: 5 kept, 0 broken." in output


@pytest.mark.parametrize("contract", FORBIDDEN)
def test_each_contract_catches_its_import_even_inside_a_function(project_copy, contract):
    added = [project_copy / "mrdinfo" / path for path in FORBIDDEN[contract]]
    for path, code in zip(added, FORBIDDEN[contract].values(), strict=True):
        path.write_text(code)
    try:
        returncode, output = lint(project_copy)
    finally:
        for path in added:
            path.unlink()
    assert returncode == 1, output
    assert "Contracts: 4 kept, 1 broken." in output
    broken = output.split("Broken contracts", 1)[1]
    first_section = next(line for line in broken.splitlines() if line.strip("-"))
    assert first_section.startswith(contract), output
    for path in FORBIDDEN[contract]:
        assert "mrdinfo." + path[:-3].replace("/", ".") in broken, (path, output)
