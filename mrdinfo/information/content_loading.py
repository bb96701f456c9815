"""content/glossary.yaml → GlossaryTerm snippets, as part of `load_content` (before the pages).

The file is a list of terms:

    - term: Minimal residual disease
      other_names: [MRD]          # optional: a list, or one name
      slug: minimal-residual-disease   # optional: the #anchor on the glossary page
      say_it_as: {MRD: M R D}     # optional: how "Listen to this page" says a name
      definition: >-
        One or two plain sentences.

A term is found again by its slug (made from the term when not given), so rewording a term
updates it rather than adding a second one. A term whose file entry is unchanged is not saved
again, so loading twice changes nothing. As with pages, editors' work wins: a term changed in
Wagtail since it was loaded is left alone (unless --overwrite-edits), and terms added in
Wagtail are never touched.
Any mistake stops the whole load with file:line (the loader's transaction undoes the rest)."""

from functools import partial

from django.core.exceptions import ValidationError

from mrdinfo.core.content.errors import ContentError
from mrdinfo.core.content.records import Outcome, sync_record
from mrdinfo.core.content.yaml_lines import LineDict, LineList

from .glossary import term_slug
from .models import GlossaryTerm
from .models.glossary_terms import say_it_as_text

GLOSSARY_FILE = "glossary.yaml"
KEYS = {"term", "definition", "other_names", "slug", "say_it_as"}


def load_glossary(loader):
    if not loader.has_file(GLOSSARY_FILE):
        return
    data, display = loader.read(GLOSSARY_FILE)
    if not isinstance(data, LineList):
        raise ContentError(
            display, getattr(data, "line", 1) or 1, "glossary.yaml should be a list of terms (`- term: ...`)"
        )
    entries = [read_entry(item, display, data.line_of(index)) for index, item in enumerate(data)]
    check_names_unique(entries, display)

    existing = {term.slug: term for term in GlossaryTerm.objects.all()}
    outcomes = []
    left_alone = []
    for entry in entries:
        result = sync_record(
            loader,
            GlossaryTerm,
            key={"slug": entry["slug"]},
            values={key: entry[key] for key in ("term", "definition", "other_names", "say_it_as")},
            found=existing.get(entry["slug"]),
            label=None,  # noted below, in one line for the file
            validate=partial(check_fields, entry=entry, display=display),
        )
        outcomes.append(result.outcome)
        if result.outcome is Outcome.LEFT_ALONE:
            left_alone.append(result.record.term)
    added, updated = outcomes.count(Outcome.ADDED), outcomes.count(Outcome.UPDATED)
    if added or updated:
        loader.note(f"glossary: {added} terms added, {updated} updated")
    for name in left_alone:
        loader.note(f"glossary: left alone {name!r}: an editor changed it in Wagtail (use --overwrite-edits)")


def read_entry(item, display, line):
    if not isinstance(item, LineDict):
        raise ContentError(display, line, "each glossary entry is a mapping with term and definition")
    unknown = sorted(set(item) - KEYS)
    if unknown:
        raise ContentError(
            display, item.line_of(unknown[0]), f"unknown key {unknown[0]!r}; a term has: " + ", ".join(sorted(KEYS))
        )
    for key in ("term", "definition"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            raise ContentError(display, item.line_of(key) if key in item else line, f"this term needs a {key}")
    names = item.get("other_names") or []
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, list) or not all(isinstance(name, str) and name.strip() for name in names):
        raise ContentError(display, item.line_of("other_names"), "other_names should be a list of names")
    if any("," in name for name in names):
        raise ContentError(display, item.line_of("other_names"), "a name cannot contain a comma")
    slug = str(item.get("slug") or term_slug(item["term"]))
    term = " ".join(item["term"].split())
    other_names = [" ".join(name.split()) for name in names]
    return {
        "term": term,
        "definition": " ".join(item["definition"].split()),
        "other_names": ", ".join(other_names),
        "say_it_as": read_say_it_as(item, display, [term, *other_names]),
        "slug": slug,
        "line": line,
        "lines": item,
    }


def read_say_it_as(item, display, names):
    """say_it_as: {MRD: M R D}, a mapping of the term's own names to the words speech should say."""
    say_it_as = item.get("say_it_as") or {}
    line = item.line_of("say_it_as") if "say_it_as" in item else 1
    if not isinstance(say_it_as, dict):
        message = "say_it_as should be a mapping of a name to its spoken words, e.g. {MRD: M R D}"
        raise ContentError(display, line, message)
    pairs = []
    for written, spoken in say_it_as.items():
        written = " ".join(str(written).split())
        if not isinstance(spoken, str) or not spoken.strip():
            raise ContentError(display, line, f"say_it_as: give the spoken words for {written!r}")
        if written not in names:
            message = f"say_it_as: {written!r} is not this term or one of its other_names (written the same way)"
            raise ContentError(display, line, message)
        if "," in spoken or ":" in spoken:
            message = f"say_it_as: the spoken words for {written!r} cannot hold a comma or colon"
            raise ContentError(display, line, message)
        pairs.append((written, " ".join(spoken.split())))
    return say_it_as_text(pairs)


def check_names_unique(entries, display):
    """A name (term or other name) may belong to one term only, in the file and on the site."""
    owner = {}
    slugs = {}
    for entry in entries:
        lines = entry["lines"]
        if entry["slug"] in slugs:
            raise ContentError(
                display,
                lines.line_of("slug") if "slug" in lines else entry["line"],
                f"the link name {entry['slug']!r} is already used by the term on line {slugs[entry['slug']]}",
            )
        slugs[entry["slug"]] = entry["line"]
        names = [(entry["term"], entry["line"])] + [
            (name.strip(), lines.line_of("other_names")) for name in entry["other_names"].split(",") if name.strip()
        ]
        for name, line in names:
            key = name.casefold()
            if key in owner and owner[key][0] != entry["slug"]:
                raise ContentError(display, line, f"{name!r} is already a name of the term on line {owner[key][1]}")
            owner[key] = (entry["slug"], entry["line"])
    for other in GlossaryTerm.objects.exclude(slug__in=slugs):
        for name in other.names():
            if name.casefold() in owner:
                _slug, line = owner[name.casefold()]
                raise ContentError(
                    display, line, f"{name!r} is already a name of the glossary term {other.term!r} (added in Wagtail)"
                )


def check_fields(term, entry, display):
    try:
        # Field checks only: check_names_unique has already checked names against each other
        # and the site, for the file as a whole (terms may swap names in one load).
        term.clean_fields()
    except ValidationError as error:
        raise field_error(error, entry, display) from None


def field_error(error, entry, display):
    key, messages = next(iter(getattr(error, "message_dict", {"term": error.messages}).items()))
    key = {"slug": "slug" if "slug" in entry["lines"] else "term"}.get(key, key)
    line = entry["lines"].line_of(key) if key in entry["lines"] else entry["line"]
    return ContentError(display, line, f"{key}: {'; '.join(messages)}")
