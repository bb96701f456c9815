"""Turning what a parent types into a search: cleaning, the words that count, ranking, the
glossary match and highlighting. No database access here except through the callers' querysets.

Each word is searched and matched in both its British and American spelling (spellings.py), so
either finds the page; stop words and synonyms are the word lists in vocabulary.py."""

import math
import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from wagtail.search.query import Or, PlainText

from .spellings import all_variants, spelling_variants
from .vocabulary import STOPWORDS, SYNONYMS

# Longer than any real question, short enough to keep the search cheap; a 10 KB query is cut here.
MAX_QUERY_LENGTH = 200
MAX_WORDS = 12

WORD_RE = re.compile(r"\w+", re.UNICODE)


def clean_query(raw):
    """The query as we search it: no control characters, single spaces, at most MAX_QUERY_LENGTH."""
    text = "".join(character if character.isprintable() else " " for character in (raw or "")[: MAX_QUERY_LENGTH * 4])
    return " ".join(text.split())[:MAX_QUERY_LENGTH].strip()


def query_words(query):
    """The words of the query (letters and digits in any script); punctuation on its own is none."""
    return WORD_RE.findall(query.casefold())[:MAX_WORDS]


# A synonym (see SYNONYMS) counts for half as much as the reader's own word.
SYNONYM_WEIGHT = 0.5
# Each word is searched on its own (so a rare word counts for more than a common one): at most this many.
MAX_SCORED_WORDS = 5


def content_words(words):
    """The words that say what the reader is looking for: stop words go, unless nothing else is left.
    Longest first, at most MAX_SCORED_WORDS (long words are usually the rare, telling ones)."""
    kept = [word for word in dict.fromkeys(words) if word not in STOPWORDS] or list(dict.fromkeys(words))
    return sorted(kept, key=len, reverse=True)[:MAX_SCORED_WORDS]


def reader_phrase(words):
    """The reader's words in their order, without stop words: "minimal residual disease"."""
    return " ".join(word for word in words if word not in STOPWORDS)


def synonyms_for(words):
    """Other words to search for alongside the reader's own (see SYNONYMS), not already among them."""
    present = set(all_variants(words))
    extra = [synonym for word in words for synonym in SYNONYMS.get(word, []) if synonym not in present]
    return list(dict.fromkeys(extra))[:2]


def title_tokens(title):
    return [token for token in query_words(title) if token not in STOPWORDS]


def token_matches(token, word):
    """A title word matches a query word, either spelling, either one a prefix of the other ("result",
    "results")."""
    for variant in spelling_variants(word):
        if token.startswith(variant) or (len(token) >= 4 and variant.startswith(token)):
            return True
    return False


# A charity page (donate, events, news) that mentions a medical word counts for less than an
# information page about it: parents search this site mostly to understand their child's illness.
NON_MEDICAL_WEIGHT = 0.6


def rank(cards, matches, words, demote_urls=(), synonyms=(), phrase=""):
    """Order result cards best first.

    matches: for each query word, the ids of the pages the search index found it in (best first).
    Like a librarian: a page that has the rarer words of the question counts more than one with
    only the common ones; a word in the title counts more than one in the text; a title made only
    of the question's words (“What is MRD?” for “MRD”) is the best of all. The home page, which
    mentions everything, only wins when nothing else does; so do pages in demote_urls (the glossary,
    when its definition is already shown above the results)."""
    total = len({pk for ids in matches.values() for pk in ids}) + 1
    weights = {word: math.log(1 + total / (1 + len(ids))) for word, ids in matches.items()}
    for synonym in synonyms:
        weights[synonym] = weights.get(synonym, 0.0) * SYNONYM_WEIGHT
    words = list(words) + [synonym for synonym in synonyms if synonym not in words]
    query_weight = sum(weights.get(word, 0.0) for word in words)
    positions = {word: {pk: index for index, pk in enumerate(ids)} for word, ids in matches.items()}
    scored = []
    for order, card in enumerate(cards):
        score = 0.0
        tokens = title_tokens(card["title"])
        summary_tokens = title_tokens(card.get("summary", ""))
        matched_tokens = set()
        title_weight = 0.0
        for word in words:
            weight = weights.get(word, 0.0)
            position = positions.get(word, {}).get(card["pk"])
            if position is not None:
                score += weight * (1 + 0.5 * (1 - position / max(len(positions[word]), 1)))
            title_hits = [token for token in tokens if token_matches(token, word)]
            if title_hits:
                score += 1.5 * weight
                title_weight += weight
                matched_tokens.update(title_hits)
            if any(token_matches(token, word) for token in summary_tokens):
                score += 0.75 * weight
        if " " in phrase and any(
            phrase in " ".join(query_words(text)) for text in (card["title"], card.get("summary", ""))
        ):
            score += query_weight  # the words together, as the reader wrote them
        if tokens and query_weight:
            # How much of the title is the question, times how much of the question is in the title.
            score += 2.0 * (len(matched_tokens) / len(tokens)) * title_weight * (title_weight / query_weight)
        if card.get("depth") == 2 or card.get("url") in demote_urls:
            score *= 0.5
        if not card.get("medical", True):
            score *= NON_MEDICAL_WEIGHT
        scored.append((-score, order, card))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [card for _score, _order, card in scored]


def search_expression(words):
    """Any of the words, in either spelling: pages with more of them (and in the title) rank first."""
    terms = [PlainText(variant) for variant in all_variants(words)]
    if len(terms) == 1:
        return terms[0]
    return Or(terms)


def highlight(text, words):
    """The text, escaped, with each query word (either spelling, any ending) in <mark>."""
    text = text or ""
    variants = sorted(all_variants(words), key=len, reverse=True)
    if not variants:
        return escape(text)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(v) for v in variants) + r")\w*", re.IGNORECASE)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece was escaped above


def is_abbreviation(name):
    return name == name.upper() and any(character.isalpha() for character in name)


def glossary_matches(query, terms, limit=2):
    """Glossary terms the query names ("MRD", "what is remission", "leukemia"), longest name first.
    An abbreviation inside a longer query must be typed in capitals ("ALL", not "all"); on its own
    any case will do."""
    folded_words = query_words(query)
    if not folded_words:
        return []
    variant_text = " " + " ".join(all_variants(folded_words)) + " "
    query_text = " " + " ".join(folded_words) + " "
    typed_words = set(WORD_RE.findall(query))
    found = []
    for term in terms:
        best = 0
        for name in term["names"]:
            name_words = query_words(name)
            if not name_words:
                continue
            phrase = " " + " ".join(name_words) + " "
            if phrase not in query_text and phrase not in variant_text:
                continue
            if is_abbreviation(name) and " ".join(folded_words) != " ".join(name_words) and name not in typed_words:
                continue
            best = max(best, len(phrase))
        if best:
            found.append((best, term))
    found.sort(key=lambda item: -item[0])
    return [term for _length, term in found[:limit]]
