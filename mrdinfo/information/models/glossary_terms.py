"""Glossary terms: words families meet in hospital, each with a plain definition. Information
pages link the first use of each term (glossary.py); the glossary page lists them all."""

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models

from wagtail.admin.panels import FieldPanel

from ..glossary import term_slug


class GlossaryTerm(models.Model):
    """A word families meet in hospital, with a plain definition (Snippets → Glossary terms)."""

    term = models.CharField(max_length=80, unique=True, help_text="As it is usually written, e.g. “Remission”.")
    slug = models.SlugField(
        "link name",
        max_length=80,
        unique=True,
        blank=True,
        help_text="The #part of a link to this term on the glossary page. Made from the term if left empty; "
        "keep it when rewording the term, so shared links keep working.",
    )
    definition = models.TextField(
        max_length=300,
        # A TextField's max_length only sizes the admin's box; the validator holds files to it too.
        validators=[MaxLengthValidator(300)],
        help_text="One or two short, plain sentences. Shown where the term is first used, and in the glossary.",
    )
    other_names = models.CharField(
        max_length=255,
        blank=True,
        help_text="Other words for the same thing, separated by commas, e.g. “MRD” for minimal residual "
        "disease. Names in capitals (abbreviations) are only matched in capitals.",
    )

    # What the content loader last wrote (a digest of term, definition and other names), so a later
    # load can tell an editor's change in Wagtail from its own and leave the editor's alone.
    loaded_digest = models.CharField(max_length=64, blank=True, editable=False)

    panels = [FieldPanel("term"), FieldPanel("definition"), FieldPanel("other_names"), FieldPanel("slug")]
    content_natural_key = "term"

    class Meta:
        ordering = ["term"]
        verbose_name = "glossary term"

    def __str__(self) -> str:
        return self.term

    def other_names_list(self) -> list[str]:
        return [name.strip() for name in self.other_names.split(",") if name.strip()]

    def names(self) -> list[str]:
        return [self.term.strip()] + self.other_names_list()

    def content_values(self) -> dict[str, str]:
        return {"term": self.term, "definition": self.definition, "other_names": self.other_names}

    def values_digest(self) -> str:
        text = "\x1f".join(self.content_values()[key] for key in ("term", "definition", "other_names"))
        return hashlib.sha256(text.encode()).hexdigest()

    def edited_since_loaded(self) -> bool:
        # A term the loader never wrote (no digest) was made by an editor: also theirs.
        return self.loaded_digest != self.values_digest()

    def mark_loaded(self) -> None:
        self.loaded_digest = self.values_digest()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = term_slug(self.term)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if not self.slug:
            self.slug = term_slug(self.term)
        self.other_names = ", ".join(self.other_names_list())
        # Each name may belong to one term only, or the glossary could not tell which one a word means.
        mine = {name.casefold(): name for name in self.names()}
        for other in GlossaryTerm.objects.exclude(pk=self.pk):
            clash = sorted(set(mine) & {name.casefold() for name in other.names()})
            if clash:
                raise ValidationError(
                    {
                        "other_names" if clash[0] != self.term.casefold() else "term": f"“{mine[clash[0]]}” is already "
                        f"used by the glossary term “{other.term}”."
                    }
                )
        if GlossaryTerm.objects.exclude(pk=self.pk).filter(slug=self.slug).exists():
            raise ValidationError({"slug": f"Another term already uses the link name “{self.slug}”."})
