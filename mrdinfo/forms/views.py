"""The admin's list of form answers, made safe to open in a spreadsheet."""

from wagtail.contrib.forms.views import SubmissionsListView

# A cell starting with one of these is a formula to Excel and LibreOffice (=HYPERLINK(...)).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """A leading apostrophe makes a spreadsheet show the text instead of running it."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SafeSubmissionsListView(SubmissionsListView):
    """Wagtail's list of answers, whose CSV export cannot carry a formula into a spreadsheet
    (its XLSX export already writes formulas as text)."""

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: neutralise_formula(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )
