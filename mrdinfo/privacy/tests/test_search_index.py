"""After an erasure the search index holds each record as it now is (privacy/service.py): a record
that was minimised in place (a query's update, which Wagtail's index does not see) is indexed
again, so its old words cannot be found. (A deleted one leaves the index through Wagtail's own
delete signal.)"""

import pytest

from wagtail.models import Page

from mrdinfo.general.models import GeneralPage
from mrdinfo.privacy.service import _update_search_index
from mrdinfo.testing.factories import GeneralPageFactory

pytestmark = pytest.mark.django_db

OLD_WORDS = "Erinmoorcroft"


def page_naming_them(parent):
    return GeneralPageFactory(
        parent=parent,
        title=f"Thank you {OLD_WORDS}",
        summary="A thank-you.",
        body=[("text", "<p>Thank you for your help.</p>")],
    )


def found(word):
    return list(Page.objects.live().search(word))


def test_a_record_minimised_in_place_is_found_only_by_what_it_now_says(page_tree):
    page = page_naming_them(page_tree["home"])
    assert found(OLD_WORDS) == [page.page_ptr]
    GeneralPage.objects.filter(pk=page.pk).update(title="Thank you")  # minimised, the index not told
    _update_search_index(page)
    assert found(OLD_WORDS) == []
