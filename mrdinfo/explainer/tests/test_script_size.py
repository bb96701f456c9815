"""The explainer's script stays small: at most 12 KB gzipped (the issue's budget)."""

import gzip
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "static" / "explainer" / "explainer.js"
BUDGET = 12 * 1024


def test_script_is_within_its_gzipped_size_budget():
    size = len(gzip.compress(SCRIPT.read_bytes(), compresslevel=9))
    assert size <= BUDGET, f"explainer.js is {size} bytes gzipped; the budget is {BUDGET}"


def test_script_is_a_plain_es_module_with_no_imports_from_elsewhere():
    source = SCRIPT.read_text()
    assert "import " not in source and "http" not in source.replace("http://www.w3.org/2000/svg", "")
    assert "eval(" not in source and "innerHTML" not in source  # nothing the CSP would block
