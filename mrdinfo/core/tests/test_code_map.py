"""The README's code map names every package in mrdinfo/ (tools/code_map.py)."""

import importlib.util

from django.conf import settings

spec = importlib.util.spec_from_file_location("code_map", settings.BASE_DIR / "tools" / "code_map.py")
code_map = importlib.util.module_from_spec(spec)
spec.loader.exec_module(code_map)


def test_every_package_is_in_the_code_map():
    assert code_map.missing_packages() == []


def test_a_package_missing_from_the_code_map_is_found(tmp_path):
    (tmp_path / "README.md").write_text("## Code map\n\n```\nmrdinfo/\n  core/\n```\n")
    for package in ("mrdinfo/core", "mrdinfo/core/rooms", "mrdinfo/core/rooms/tests"):
        (tmp_path / package).mkdir(parents=True)
        (tmp_path / package / "__init__.py").write_text("")
    assert code_map.missing_packages(tmp_path) == ["mrdinfo/core/rooms"]


def test_the_code_map_names_nothing_that_is_gone_and_nothing_twice():
    assert code_map.stale_entries() == []


def test_a_stale_or_repeated_entry_is_found(tmp_path):
    (tmp_path / "README.md").write_text(
        "## Code map\n\n```\nmrdinfo/            the project\n  core/             floor\n"
        "    models.py         pages\n                      models.py in prose is not an entry\n"
        "    gone.py           moved away\n  core/             again\n```\n"
    )
    (tmp_path / "mrdinfo" / "core").mkdir(parents=True)
    (tmp_path / "mrdinfo" / "core" / "models.py").write_text("")
    assert code_map.stale_entries(tmp_path) == [
        "line 5 of the code map: mrdinfo/core/gone.py does not exist",
        "line 6 of the code map: mrdinfo/core/ is named twice",
    ]
