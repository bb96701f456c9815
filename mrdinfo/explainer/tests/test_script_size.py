"""The explainer's scripts stay small: explainer.js at most 12 KB gzipped (the issue's budget);
result-reader.js at most 11 KB, since it reads results in the browser by the server's own
rules (offline too), with the words and phrase tables left in the page's data block."""

import gzip
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[1] / "static" / "explainer"
BUDGETS = {"explainer.js": 12 * 1024, "result-reader.js": 11 * 1024}


@pytest.mark.parametrize(("name", "budget"), BUDGETS.items())
def test_script_is_within_its_gzipped_size_budget(name, budget):
    size = len(gzip.compress((STATIC / name).read_bytes(), compresslevel=9))
    assert size <= budget, f"{name} is {size} bytes gzipped; the budget is {budget}"


@pytest.mark.parametrize("name", BUDGETS)
def test_script_is_a_plain_es_module_with_no_imports_from_elsewhere(name):
    source = (STATIC / name).read_text()
    assert "import " not in source and "http" not in source.replace("http://www.w3.org/2000/svg", "")
    assert "eval(" not in source and "innerHTML" not in source  # nothing the CSP would block
