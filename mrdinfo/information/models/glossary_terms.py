"""Glossary terms: words families meet in hospital, each with a plain definition. Information
pages link the first use of each term (glossary.py); the glossary page lists them all."""

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models

from wagtail.admin.panels import FieldPanel

from ..glossary import term_slug


def parse_say_it_as(text: str) -> list[tuple[str, str]]:
    """ "MRD: M R D, NGS: N G S" → [("MRD", "M R D"), ("NGS", "N G S")]. Raises ValueError on a
    pair without a colon or with an empty side."""
    pairs = []
    for part in text.split(","):
        if not part.strip():
            continue
        written, colon, spoken = part.partition(":")
        written, spoken = " ".join(written.split()), " ".join(spoken.split())
        if not colon or not written or not spoken:
            raise ValueError(f"“{part.strip()}” should be written as name: spoken words, e.g. “MRD: M R D”.")
        pairs.append((written, spoken))
    return pairs


def say_it_as_text(pairs: list[tuple[str, str]]) -> str:
    return ", ".join(f"{written}: {spoken}" for written, spoken in pairs)


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
    say_it_as = models.CharField(
        "say it as",
        max_length=255,
        blank=True,
        help_text="How “Listen to this page” should say a name that speech gets wrong, as name: spoken words, "
        "separated by commas, e.g. “MRD: M R D”. The name must be the term or one of its other names.",
    )

    # What the content loader last wrote (a digest of term, definition and other names), so a later
    # load can tell an editor's change in Wagtail from its own and leave the editor's alone.
    loaded_digest = models.CharField(max_length=64, blank=True, editable=False)

    panels = [
        FieldPanel("term"),
        FieldPanel("definition"),
        FieldPanel("other_names"),
        FieldPanel("say_it_as"),
        FieldPanel("slug"),
    ]
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

    def pronunciations(self) -> dict[str, str]:
        """{written name: spoken words}, from say_it_as ("MRD: M R D, NGS: N G S")."""
        return dict(parse_say_it_as(self.say_it_as))

    def content_values(self) -> dict[str, str]:
        return {
            "term": self.term,
            "definition": self.definition,
            "other_names": self.other_names,
            "say_it_as": self.say_it_as,
        }

    def values_digest(self) -> str:
        values = self.content_values()
        text = "\x1f".join(values[key] for key in ("term", "definition", "other_names"))
        # Only when set, so the digests of terms loaded before the field came still match.
        if values["say_it_as"]:
            text += "\x1f" + values["say_it_as"]
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
        self.clean_say_it_as()
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

    def clean_say_it_as(self) -> None:
        try:
            pairs = parse_say_it_as(self.say_it_as)
        except ValueError as error:
            raise ValidationError({"say_it_as": str(error)}) from None
        names = set(self.names())
        for written, _spoken in pairs:
            if written not in names:
                raise ValidationError(
                    {"say_it_as": f"“{written}” is not this term or one of its other names (written the same way)."}
                )
        self.say_it_as = say_it_as_text(pairs)
