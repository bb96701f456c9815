"""Staff spreadsheet exports (CSV and XLSX) that are safe to open: what visitors typed can
neither run as a formula nor make the export fail for everyone.

Every admin list with an export (Wagtail's `SpreadsheetExportMixin`: model viewsets, reports, a
form's answers) mixes in `SafeSpreadsheetExportMixin`:

- CSV: a cell starting `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel and
  LibreOffice (`=HYPERLINK(...)`), so it gets a leading apostrophe, which makes them show it as text;
- XLSX: Wagtail already writes such cells as text (never a formula); control characters that
  XML cannot hold (a message with `\\x07` made openpyxl raise for the whole export) become U+FFFD.
"""

import re
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# The characters an XLSX file (XML 1.0) cannot hold: C0 controls but tab, line feed and carriage return.
ILLEGAL_XLSX_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise_formula(value: Any) -> Any:
    """A leading apostrophe makes a spreadsheet show the text instead of running it."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def xlsx_safe(value: Any) -> Any:
    """Text an XLSX cell can hold: each character XML refuses becomes U+FFFD (so staff see that
    something was there), instead of the whole export failing."""
    if isinstance(value, str):
        return ILLEGAL_XLSX_CHARACTERS.sub("\ufffd", value)
    return value


class SafeSpreadsheetExportMixin:
    """Put before Wagtail's view class: `class View(SafeSpreadsheetExportMixin, IndexView)`."""

    FORMAT_CSV = "csv"
    FORMAT_XLSX = "xlsx"

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        value = super().preprocess_field_value(field, value, export_format)  # type: ignore[misc]
        if export_format == self.FORMAT_CSV:
            return neutralise_formula(xlsx_safe(value))
        return xlsx_safe(value)
