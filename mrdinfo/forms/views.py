"""The admin's list of form answers, made safe to open in a spreadsheet."""

from wagtail.contrib.forms.views import SubmissionsListView

from mrdinfo.core.records.spreadsheets import SafeSpreadsheetExportMixin


class SafeSubmissionsListView(SafeSpreadsheetExportMixin, SubmissionsListView):
    """Wagtail's list of answers, whose CSV export cannot carry a formula into a spreadsheet and
    whose XLSX export survives control characters in a message (core/records/spreadsheets.py)."""
