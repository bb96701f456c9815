"""Every package in mrdinfo/ is named in the README's code map (`python tools/code_map.py`; also
checked by mrdinfo/core/tests/test_code_map.py). Packages are named by their last part followed by
a slash (`caching/`) inside the code map's block; tests/, migrations/ and the Django folders
management/, commands/ and templatetags/ need no entry."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNLISTED = {"tests", "migrations", "management", "commands", "templatetags"}


def code_map(readme: Path) -> str:
    text = readme.read_text(encoding="utf-8")
    return text.split("## Code map", 1)[1].split("```", 2)[1]


def missing_packages(root: Path = ROOT) -> list[str]:
    named = set(re.findall(r"([\w.]+)/", code_map(root / "README.md")))
    missing = []
    for init in sorted((root / "mrdinfo").rglob("__init__.py")):
        package = init.parent
        relative = package.relative_to(root)
        if UNLISTED & set(relative.parts) or "__pycache__" in relative.parts:
            continue
        if package.name not in named:
            missing.append(str(relative))
    return missing


if __name__ == "__main__":
    missing = missing_packages()
    for path in missing:
        print(f"{path}/ is not in README.md's code map")
    sys.exit(1 if missing else 0)
