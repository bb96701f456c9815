"""The README's code map agrees with the tree (`python tools/code_map.py`; also checked by
mrdinfo/core/tests/test_code_map.py):
- every package in mrdinfo/ is named, by its last part followed by a slash (`caching/`); tests/,
  migrations/ and the Django folders management/, commands/ and templatetags/ need no entry;
- every file or folder the map names exists (no stale entry), and none is named twice.
An entry is a path at the start of a line of the block (indented two spaces under its folder);
the description after it, and its continuation lines (indented past column 20), are prose."""

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


# A path: folders end with "/", files have one of these suffixes (or are named in FILES).
SUFFIXES = (".py", ".md", ".html", ".js", ".css", ".yaml", ".toml", ".txt", ".conf", ".service", ".timer")
FILES = {".ci/run", "Makefile"}
ENTRY = re.compile(r"^( {0,19})([\w.\-]+(?:/[\w.\-]+)*/?)(?:\s|$)")


def entries(readme: Path) -> list[tuple[int, str]]:
    """(line in the block, path from the repository's top) of every entry in the code map."""
    folders: list[tuple[int, str]] = []  # (indent, path) of the folders enclosing the next line
    found = []
    # The block starts after its opening ``` line: line 1 is the first line inside it.
    for number, line in enumerate(code_map(readme).splitlines()[1:], start=1):
        match = ENTRY.match(line)
        if not match:
            continue
        indent, token = len(match[1]), match[2]
        if not (token.endswith("/") or token.endswith(SUFFIXES) or token in FILES):
            continue
        while folders and folders[-1][0] >= indent:
            folders.pop()
        path = (folders[-1][1] if folders else "") + token
        found.append((number, path))
        if token.endswith("/"):
            folders.append((indent, path))
    return found


def stale_entries(root: Path = ROOT) -> list[str]:
    """Entries naming something that is not in the tree, or named a second time."""
    problems, seen = [], set()
    for number, path in entries(root / "README.md"):
        if not (root / path.rstrip("/")).exists():
            problems.append(f"line {number} of the code map: {path} does not exist")
        elif path in seen:
            problems.append(f"line {number} of the code map: {path} is named twice")
        seen.add(path)
    return problems


if __name__ == "__main__":
    problems = [f"{path}/ is not in README.md's code map" for path in missing_packages()] + stale_entries()
    for problem in problems:
        print(problem)
    sys.exit(1 if problems else 0)
