"""The admin's Forms list as a fundraiser reads it (issue 21): each page by its title, what it
collects in plain words ("Event registrations", not "Event page (events.eventpage)"), how many
answers it holds, and finished events left out unless asked for.

It replaces Wagtail's list at the same address (wagtail_hooks.py registers it before Wagtail's
own), so every link to `wagtailforms:index` lands here. Form page models say what they collect
with a `forms_list_kind` attribute, and may say which of their pages are over with a
`finished_for_forms_list()` class method; this module names no other app's model."""

from typing import Any

from django_filters import ChoiceFilter

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.forms import RadioSelect

from wagtail.admin.ui.tables import Column
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.forms.utils import get_form_types, get_forms_for_user
from wagtail.contrib.forms.views import FormPageFilterSet, FormPagesListView
from wagtail.models import Page

SHOW_FINISHED = "include"


def kind_of(page: Page) -> str:
    """What a form page collects, in the words staff use."""
    model = page.specific_class or type(page)
    kind = getattr(model, "forms_list_kind", None)
    return str(kind or model._meta.verbose_name).capitalize()


def finished_page_ids() -> set[int]:
    """The ids of form pages whose model says they are over (finished events)."""
    finished: set[int] = set()
    for content_type in get_form_types():
        method = getattr(content_type.model_class(), "finished_for_forms_list", None)
        if method is not None:
            finished.update(method().values_list("pk", flat=True))
    return finished


class FinishedFilterSet(FormPageFilterSet):
    finished = ChoiceFilter(
        label="Finished events",
        empty_label="Hide them",
        choices=[(SHOW_FINISHED, "Show them too")],
        widget=RadioSelect,
        method="keep_finished",
    )

    def keep_finished(self, queryset: QuerySet[Page], name: str, value: str) -> QuerySet[Page]:
        return queryset  # the view leaves them out unless this is chosen (get_base_queryset)


class KindColumn(Column):
    def get_value(self, instance: Page) -> str:
        return kind_of(instance)


class AnswersColumn(Column):
    def get_value(self, instance: Any) -> int:
        return getattr(instance, "answer_count", 0)


class FormsListView(FormPagesListView):
    filterset_class = FinishedFilterSet

    @property
    def columns(self) -> list[Column]:
        kept = [column for column in super().columns if column.name not in {"content_type", "parent"}]
        position = next(n for n, column in enumerate(kept) if column.name == "title") + 1
        kept[position:position] = [
            KindColumn("kind", label="What it collects", width="20%"),
            AnswersColumn("answer_count", label="Answers", sort_key="answer_count", width="10%"),
        ]
        return kept

    def get_base_queryset(self) -> QuerySet[Page]:
        answers = (
            FormSubmission.objects.filter(page=OuterRef("pk"))
            .order_by()
            .values("page")
            .annotate(count=Count("pk"))
            .values("count")
        )
        # As Wagtail's own list, with the count added before its annotations and `specific()`.
        pages = get_forms_for_user(self.request.user).select_related("content_type")
        pages = pages.annotate(answer_count=Coalesce(Subquery(answers, output_field=IntegerField()), 0))
        if self.request.GET.get("finished") != SHOW_FINISHED:
            pages = pages.exclude(pk__in=finished_page_ids())
        return self.annotate_queryset(pages)
