"""One rule for making a name unique on a page: heading anchors (headings.py), an explainer's
stage link names and the ids of several explainers or result readers on one page all add -2,
-3... to a repeat, in document order, so shared links keep pointing at the same place."""


def unique_slug(base: str, taken: set[str]) -> str:
    """`base`, or else `base-2`, `base-3`...: the first not in `taken` (a set), which it is then
    added to."""
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug
