"""Prove that every cache-clearing line is needed: remove each one in turn and check that a test fails.

    .venv/bin/python tools/mutate_cache_clearing.py            # every mutation (about an hour)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mrdinfo_mutants \
        .venv/bin/python tools/mutate_cache_clearing.py        # quicker: the test database is kept
    .venv/bin/python tools/mutate_cache_clearing.py --only "glossary|menus"
    .venv/bin/python tools/mutate_cache_clearing.py --list     # what would be mutated, and where

Not run in CI (it runs the caching tests once per mutation). Run it after changing how a cache is
cleared (core/caching/clearing.py, an app's signals.py or apps.py) and keep its table in the change's
description.

How it works. MUTATIONS names each clearing line: a signal connection, a registration with
core/caching/clearing.py, a call that clears or moves the content generation on, or the generation in a
cache key. For each, the script replaces that one line (a statement becomes `pass`, a decorator
is dropped, a key loses its generation), runs the tests that should notice with pytest, and
restores the file, whatever happens. A mutation "survives" if those tests still pass: that is a
clearing line no test needs, i.e. a missing test. The script exits non-zero if any mutation
survives, or if a clearing line found by DISCOVERY (a search of the source for clearing calls)
is not in MUTATIONS, so a new call site cannot be forgotten here."""

import argparse
import dataclasses
import os
import pathlib
import re
import signal
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"

CORE_TESTS = "mrdinfo/core/caching/tests/test_caching.py"
GLOSSARY_TESTS = "mrdinfo/information/tests/test_caching.py"
EXPLAINER_TESTS = "mrdinfo/explainer/tests/test_caching.py"
EVENTS_TESTS = "mrdinfo/events/tests/test_caching.py"
PROMOTIONS_TESTS = "mrdinfo/promotions/tests/test_caching.py"
SEARCH_TESTS = "mrdinfo/search/tests/test_caching.py"
PUBLISHING_TESTS = "mrdinfo/core/caching/tests/test_page_cache_publishing.py"
EARLY_HITS_TESTS = "mrdinfo/core/caching/tests/test_early_hits.py"
BOOKLET_TESTS = "mrdinfo/information/tests/test_booklet.py"
OFFLINE_TESTS = "mrdinfo/core/offline/tests/test_worker_view.py"
EVERY_CACHE = [CORE_TESTS, GLOSSARY_TESTS, EXPLAINER_TESTS, EVENTS_TESTS, PROMOTIONS_TESTS, SEARCH_TESTS]

NEUTRAL = "neutral"  # replace the statement with `pass`
DROP = "drop"  # remove the line (a decorator)


@dataclasses.dataclass
class Mutation:
    name: str
    path: str
    line: str  # a substring of the line to mutate (the first match after `after`)
    tests: list
    after: str = ""  # a substring of an earlier line, to tell apart identical lines
    replace: object = NEUTRAL  # NEUTRAL, DROP, or (old, new): replace a substring of the line

    def locate(self, lines):
        start = 0
        if self.after:
            start = next(i for i, text in enumerate(lines) if self.after in text)
        return next(i for i in range(start, len(lines)) if self.line in lines[i])

    def mutate(self, text):
        indent = len(text) - len(text.lstrip())
        if self.replace == NEUTRAL:
            return " " * indent + "pass  # MUTATED\n"
        if self.replace == DROP:
            return ""
        old, new = self.replace
        assert old in text, (self.name, old)
        return text.replace(old, new)


C = "mrdinfo/core/caching/clearing.py"
G = "mrdinfo/core/caching/content_generation.py"
MUTATIONS = [
    # core/caching/clearing.py: the signals (one line each in connect_signals)
    Mutation("page published", C, "page_published.connect(", [CORE_TESTS]),
    Mutation("page unpublished", C, "page_unpublished.connect(", [CORE_TESTS]),
    Mutation("page slug changed", C, "page_slug_changed.connect(", [CORE_TESTS]),
    Mutation("page moved", C, "pre_page_move.connect(", [CORE_TESTS]),
    Mutation("model saved", C, "post_save.connect(", [CORE_TESTS]),
    Mutation("model deleted", C, "post_delete.connect(", [CORE_TESTS]),
    # core/caching/clearing.py: the receivers
    Mutation(
        "receiver: page changed", C, "content_changed(_page_urls(instance))", [CORE_TESTS], after="def _on_page_changed"
    ),
    Mutation("receiver: slug changed", C, "content_changed(_page_urls(instance_before)", [CORE_TESTS]),
    Mutation(
        "receiver: page withdrawn (unpublished, moved)",
        C,
        "content_changed(_page_urls(instance), purge=True)",
        [CORE_TESTS, PUBLISHING_TESTS],
        after="def _on_page_withdrawn",
    ),
    Mutation(
        "receiver: view restriction saved",
        C,
        "content_changed(purge=True)",
        [PUBLISHING_TESTS],
        after="def _on_model_saved",
    ),
    Mutation(
        "receiver: view restriction deleted",
        C,
        "content_changed(purge=True)",
        [CORE_TESTS, PUBLISHING_TESTS],
        after="def _on_model_deleted",
    ),
    Mutation("receiver: model saved", C, "content_changed()", [CORE_TESTS], after="def _on_model_saved"),
    Mutation("receiver: model deleted", C, "content_changed()", [CORE_TESTS], after="def _on_model_deleted"),
    # core/caching/clearing.py: what counts as content
    Mutation(
        "content: clear_on_save models",
        C,
        "if model in _clear_on_save_models or",
        [CORE_TESTS],
        replace=("model in _clear_on_save_models or ", ""),
    ),
    Mutation(
        "content: Site", C, "model in (Site, Redirect)", [CORE_TESTS], replace=("(Site, Redirect)", "(Redirect,)")
    ),
    Mutation(
        "content: Redirect", C, "model in (Site, Redirect)", [CORE_TESTS], replace=("(Site, Redirect)", "(Site,)")
    ),
    Mutation("content: settings", C, "return True", [CORE_TESTS], after="if issubclass(model, (BaseSiteSetting"),
    Mutation(
        "content: snippets",
        C,
        "return model in get_snippet_models()",
        [CORE_TESTS],
        replace=("return model in get_snippet_models()", "return False"),
    ),
    # core/caching/clearing.py: clearing itself
    Mutation(
        "bump at once (inside the transaction)", C, "bump_generation(purge)", [CORE_TESTS], after="def content_changed"
    ),
    Mutation("old URLs kept for the purge", C, "_state.urls.update(", [CORE_TESTS]),
    Mutation("clearing marked as pending", C, "_state.pending = True", [CORE_TESTS]),
    Mutation("clear after the commit", C, "transaction.on_commit(_flush)", [CORE_TESTS]),
    Mutation("flush clears everything", C, "clear_everything(old_urls=urls", [CORE_TESTS]),
    Mutation("bump again after the commit", C, "bump_generation(purge)", [CORE_TESTS], after="def clear_everything"),
    Mutation("a purge moves the purge generation", G, "_incr(purge_key())", [PUBLISHING_TESTS]),
    Mutation("a purge is kept for the commit", C, "_state.purge = getattr(", [PUBLISHING_TESTS]),
    Mutation("registered caches cleared", C, "clear()", [CORE_TESTS], after="for name, clear in _registered_caches"),
    Mutation("frontend cache purged", C, "purge_frontend_cache(old_urls)", [CORE_TESTS], after="def clear_everything"),
    Mutation("purge: every live page", C, "batch.add_pages(", [CORE_TESTS]),
    Mutation("purge: sent", C, "batch.purge()", [CORE_TESTS]),
    Mutation(
        "registration replaces, does not add", C, "_registered_caches[name] = clear", [CORE_TESTS, GLOSSARY_TESTS]
    ),
    Mutation(
        "page cache copy checked against the generation",
        "mrdinfo/core/caching/page_lookup.py",
        "self.stored.generation == self.generation",
        [CORE_TESTS, EARLY_HITS_TESTS],
        replace=("self.stored.generation == self.generation", "True"),
    ),
    Mutation(
        "page cache copy checked against the purge generation",
        "mrdinfo/core/caching/page_lookup.py",
        "stored.purge == self.purge and",
        [PUBLISHING_TESTS, EARLY_HITS_TESTS],
        replace=("stored.purge == self.purge and", "True and"),
    ),
    Mutation(
        "fragment key has the generation",
        G,
        "FRAGMENT_KEY.format(name=name, generation=generation()",
        [GLOSSARY_TESTS],
        replace=("generation=generation()", "generation=0"),
    ),
    # core: registrations (apps.py) and the menus' cache
    Mutation("core connects the signals", "mrdinfo/core/apps.py", "caching.connect_signals()", EVERY_CACHE),
    Mutation("menus registered", "mrdinfo/core/apps.py", 'caching.register_cache("site-chrome"', [CORE_TESTS]),
    Mutation("menu links saved alone", "mrdinfo/core/apps.py", "caching.clear_on_save(MenuItem)", [CORE_TESTS]),
    Mutation("images saved", "mrdinfo/core/apps.py", "caching.clear_on_save(get_image_model())", [CORE_TESTS]),
    Mutation("menus cleared", "mrdinfo/core/pages/chrome.py", "cache.delete_many(", [CORE_TESTS]),
    # information: the glossary's term list and the linked-body fragments
    Mutation(
        "glossary registered", "mrdinfo/information/signals.py", 'caching.register_cache("glossary"', [GLOSSARY_TESTS]
    ),
    Mutation("glossary registration called", "mrdinfo/information/apps.py", "signals.register()", [GLOSSARY_TESTS]),
    Mutation("glossary cleared", "mrdinfo/information/glossary.py", "cache.delete_many(", [GLOSSARY_TESTS]),
    # events: the filter choices
    Mutation(
        "event categories registered",
        "mrdinfo/events/signals.py",
        'caching.register_cache("event-categories"',
        [EVENTS_TESTS],
    ),
    Mutation("event categories registration called", "mrdinfo/events/apps.py", "signals.register()", [EVENTS_TESTS]),
    Mutation(
        "event categories cleared", "mrdinfo/events/signals.py", "cache.delete(CATEGORIES_CACHE_KEY)", [EVENTS_TESTS]
    ),
    Mutation(
        "event place taken: places left shown afresh",
        "mrdinfo/events/places.py",
        "caching.content_changed()",
        ["mrdinfo/events/tests/test_places.py"],
    ),
    # privacy: an erased or minimised record leaves Wagtail's search index as it now is
    Mutation(
        "erased record reindexed",
        "mrdinfo/privacy/service.py",
        "index.insert_or_update_object(current)",
        ["mrdinfo/privacy/tests/test_search_index.py"],
    ),
    # core/offline: the service worker's script carries the generation, so a change installs a new one
    Mutation(
        "offline worker carries the generation",
        "mrdinfo/core/offline/worker.py",
        'return {"generation": caching.generation(),',
        [OFFLINE_TESTS],
        replace=('"generation": caching.generation(),', '"generation": 0,'),
    ),
    # information: the booklet is kept per generation; a change queues its build, a build refreshes the pages
    Mutation(
        "booklet build queued on a content change",
        "mrdinfo/information/signals.py",
        'caching.register_cache("booklet", queue_builds)',
        [BOOKLET_TESTS],
    ),
    Mutation(
        "booklet key has the generation",
        "mrdinfo/information/booklet_cache.py",
        "template.format(generation=caching.generation() if generation is None else generation",
        [BOOKLET_TESTS],
        replace=("caching.generation() if generation is None else generation", "0"),
    ),
    Mutation(
        "booklet filed under the generation it was built from",
        "mrdinfo/information/booklet_cache.py",
        "generation = caching.generation()",
        [BOOKLET_TESTS],
        after="def build_and_store",
        replace=("caching.generation()", "0"),
    ),
    Mutation(
        "booklet built: pages linking it refreshed",
        "mrdinfo/information/booklet_cache.py",
        "if generation is not None and caching.generation() == generation:",
        [BOOKLET_TESTS],
        replace=("caching.generation() == generation", "False"),
    ),
    # promotions: cards follow the generation
    Mutation(
        "card set key has the generation",
        "mrdinfo/promotions/cards.py",
        'f"promo-cards:{caching.generation()}:set:',
        [PROMOTIONS_TESTS],
        replace=("{caching.generation()}", "0"),
    ),
    Mutation(
        "end-of-page cards key has the generation",
        "mrdinfo/promotions/cards.py",
        'f"promo-cards:{caching.generation()}:end-of-page:',
        [PROMOTIONS_TESTS],
        replace=("{caching.generation()}", "0"),
    ),
    Mutation(
        "card set items saved alone",
        "mrdinfo/promotions/apps.py",
        "caching.clear_on_save(PromoCardSetItem)",
        [PROMOTIONS_TESTS],
    ),
    # search: result cards follow the generation
    Mutation(
        "search card key has the generation",
        "mrdinfo/search/views.py",
        "generation = caching.generation()",
        [SEARCH_TESTS],
        after="def result_cards",
        replace=("caching.generation()", "0"),
    ),
    # explainer: the search entries of pages that show an explainer (Wagtail's search index)
    Mutation(
        "explainer published: pages reindexed",
        "mrdinfo/explainer/signals.py",
        "published.connect(reindex_pages_showing",
        [EXPLAINER_TESTS],
        replace=NEUTRAL,
    ),
    Mutation(
        "explainer unpublished: pages reindexed",
        "mrdinfo/explainer/signals.py",
        "unpublished.connect(reindex_pages_showing",
        [EXPLAINER_TESTS],
    ),
    Mutation("explainer reindex", "mrdinfo/explainer/signals.py", "insert_or_update_object(page)", [EXPLAINER_TESTS]),
]

# Lines that clear or register a cache, wherever they are: each must be some mutation's line.
DISCOVERY = re.compile(
    r"\.connect\(|register_cache\(|clear_on_save\(|content_changed\(|clear_everything\(|purge_frontend_cache\("
    r"|bump_generation\(|cache\.delete|on_commit\(|@receiver|\.generation\(\)|connect_signals\(|insert_or_update_object\("
)
DISCOVERY_SKIP = (
    "def ",  # definitions, not calls
    "#",
)
NOT_CLEARING = {
    # Uses of a clearing call that are not about keeping a cache fresh, with why.
    ("mrdinfo/core/operations/backups.py", "sqlite3.connect("): "opens a database",
    ("mrdinfo/forms/models.py", "queue_notification"): "sends an email after the commit",
    ("mrdinfo/forms/spam.py", "cache.delete(used_token_key"): "a spam check's one-use token",
    ("mrdinfo/giving/emails.py", "queue_email"): "sends an email after the commit",
    ("mrdinfo/newsletter/subscriptions.py", "queue_email"): "sends an email after the commit",
    ("mrdinfo/core/caching/page_cache.py", "cache.delete(lock)"): "frees a render lock early (it expires by itself)",
    ("mrdinfo/core/caching/page_lookup.py", "generation = caching.generation()"): "starts a lost generation afresh",
    ("mrdinfo/information/booklet_cache.py", "cache.delete(lock)"): "frees a build lock early (it expires by itself)",
}


def discovered_lines():
    """(path, line number, text) of every line in mrdinfo/ (not tests) that looks like clearing."""
    found = []
    for path in sorted((ROOT / "mrdinfo").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in relative or "/testing/" in relative or "/migrations/" in relative:
            continue
        in_docstring = False
        for number, text in enumerate(path.read_text().splitlines(), start=1):
            stripped = text.strip()
            if stripped.count('"""') == 1:
                in_docstring = not in_docstring
                continue
            if in_docstring or stripped.startswith(DISCOVERY_SKIP) or not DISCOVERY.search(text):
                continue
            found.append((relative, number, stripped))
    return found


def mutated_lines():
    """(path, line number, mutation) for each mutation, in MUTATIONS order."""
    located = []
    for mutation in MUTATIONS:
        text = (ROOT / mutation.path).read_text().splitlines()
        located.append((mutation.path, mutation.locate(text) + 1, mutation))
    return located


def run_tests(tests):
    command = [str(PYTHON), "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider", "-x", "-q", *tests]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        command.append("--reuse-db")  # a PostgreSQL test database outlives the run: migrate once
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603 (our own pytest)


def first_failure(output):
    for line in output.splitlines():
        if line.startswith("FAILED "):
            return line[len("FAILED ") :].split(" - ")[0]
    return ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="run only mutations whose name matches this regular expression")
    parser.add_argument("--list", action="store_true", help="list mutations and unlisted clearing lines")
    args = parser.parse_args()
    # Stopped with kill: exit through the `finally` that restores the mutated file.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))

    located = mutated_lines()
    covered = {(path, number) for path, number, _mutation in located}
    unlisted = [
        (path, number, text)
        for path, number, text in discovered_lines()
        if (path, number) not in covered and not any(path == p and snippet in text for p, snippet in NOT_CLEARING)
    ]
    if args.list:
        for path, number, mutation in located:
            print(f"{path}:{number}  {mutation.name}")
    for path, number, text in unlisted:
        print(f"NOT IN MUTATIONS: {path}:{number}  {text}")

    if args.list:
        return 1 if unlisted else 0

    baseline = run_tests(sorted({t for m in MUTATIONS for t in m.tests}))
    if baseline.returncode != 0:
        print(baseline.stdout[-3000:])
        sys.exit("The tests fail without any mutation: fix them first.")

    rows, survivors = [], []
    for path, number, mutation in located:
        if args.only and not re.search(args.only, mutation.name):
            continue
        file = ROOT / path
        original = file.read_text()
        lines = original.splitlines(keepends=True)
        lines[number - 1] = mutation.mutate(lines[number - 1])
        started = time.monotonic()
        try:
            file.write_text("".join(lines))
            result = run_tests(mutation.tests)
        finally:
            file.write_text(original)
        seconds = time.monotonic() - started
        if result.returncode == 1:
            outcome, detail = "killed", first_failure(result.stdout)
        elif result.returncode == 0:
            outcome, detail = "SURVIVED", ""
            survivors.append(mutation.name)
        else:
            outcome, detail = f"error (exit {result.returncode})", result.stdout.strip().splitlines()[-1:]
            survivors.append(mutation.name)
        rows.append((mutation.name, f"{path}:{number}", outcome, detail, seconds))
        print(f"{outcome:10} {mutation.name} ({path}:{number}) {detail}", flush=True)

    print()
    print("| mutation | line | outcome | first failing test |")
    print("|---|---|---|---|")
    for name, where, outcome, detail, _seconds in rows:
        print(f"| {name} | {where} | {outcome} | {detail} |")
    if survivors or unlisted:
        sys.exit(f"{len(survivors)} mutation(s) survived, {len(unlisted)} clearing line(s) not in MUTATIONS")


if __name__ == "__main__":
    main()
