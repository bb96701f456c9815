"""The section's URLs as the issue fixes them (the slugs are part of how links are shared)."""

SECTION_URLS = [
    "/understanding-mrd/",
    "/understanding-mrd/what-is-mrd/",
    "/understanding-mrd/remission/",
    "/understanding-mrd/the-mrd-test/",
    "/understanding-mrd/uk-all-2003/",
    "/understanding-mrd/reading-mrd-results/",
    "/understanding-mrd/questions-to-ask/",
    "/understanding-mrd/living-with-treatment/",
    "/understanding-mrd/glossary/",
]
