"""Reading ease of a page's prose, by the Flesch reading ease formula (textstat 0.7.8).

The charity aims for 70 or more on every information page, with no sentence over 25 words
(plain English; its old MRD page scored about 60). Below 65 the editor's panel warns (it never
stops a page being published). What counts is the prose a parent reads as
sentences: the summary, text blocks, callouts, key-figure explanations, questions and result
meanings. Headings, figures
themselves, references and image captions are not prose and would skew the score. A list item
without its own full stop is read as a sentence of its own, as a reader reads it."""

import re
from html import unescape

from django.utils.html import strip_tags

TARGET = 70
WARN_BELOW = 65
LONGEST_SENTENCE = 25
LONGEST_SHOWN = 3
TERMS_SHOWN = 15
# A "term" worth a glossary entry: a word of three or more syllables that is not on the Dale–Chall
# list of familiar words (textstat ships the list; nothing is downloaded).
TERM_SYLLABLES = 3
# ...and not an everyday word: wordfreq's Zipf frequency (log10 of uses per billion words of
# English; its data ships in the package, nothing is downloaded) of 4 or more means at least once
# in 100,000 words ("usually" 5.2, "diagnosed" 4.1; "remission" 3.2, "leukaemia" 2.8).
EVERYDAY_ZIPF = 4.0
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
# A sentence ends at . ! ? or … followed by a space (so 0.01% and P = .09 stay whole).
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])['\"’”)]*\s+")
SENTENCE_END = re.compile(r"[.!?:;…]['\"’”)]*$")


def rich_text_sentences(html):
    """Plain text from stored rich text, each paragraph or list item ending as a sentence."""
    pieces = re.split(r"</(?:p|li|h\d)>|<br\s*/?>", str(html))
    return [unescape(strip_tags(piece)).strip() for piece in pieces if strip_tags(piece).strip()]


def as_sentence(text):
    text = " ".join(str(text).split())
    if not text:
        return ""
    return text if SENTENCE_END.search(text) else text + "."


def block_sentences(block):
    kind, value = block.block_type, block.value
    if kind == "text":
        return rich_text_sentences(value.source)
    if kind == "callout":
        return rich_text_sentences(value["text"].source)
    if kind == "key_figure":
        return [value["explanation"]]
    if kind == "questions":
        return ([value["intro"]] if value.get("intro") else []) + list(value["questions"])
    if kind == "result_wordings":
        return [sentence for result in value["results"] for sentence in rich_text_sentences(result["meaning"].source)]
    return []


def prose_of(page):
    sentences = [page.summary] if getattr(page, "summary", "") else []
    for block in page.body:
        sentences.extend(block_sentences(block))
    return " ".join(as_sentence(sentence) for sentence in sentences if sentence)


def sentences_of(text):
    return [sentence.strip() for sentence in SENTENCE_BREAK.split(text) if sentence.strip()]


def long_sentences(text, limit=LONGEST_SENTENCE):
    """The sentences of more than `limit` words, for writers to split."""
    return [sentence for sentence in sentences_of(text) if len(sentence.split()) > limit]


# A UK reading age is the Flesch–Kincaid US school grade plus five years. The charity writes for
# a reading age of 9 to 11 (what most adults read comfortably, tired and worried).
READING_AGE_TARGET = (9, 11)


# textstat and wordfreq are imported where they are used, not with the models: wordfreq alone
# took 0.4 s of every process's start (each gunicorn worker, each manage.py command), and only
# the editor's reading panel and the content checks need them.


def reading_age(text):
    """About how old a child must be to read this (years), or None for no text."""
    import textstat

    return round(textstat.flesch_kincaid_grade(text) + 5) if text.strip() else None


def reading_ease(text):
    import textstat

    return textstat.flesch_reading_ease(text) if text.strip() else None


def longest_sentences(text, count=LONGEST_SHOWN):
    """The page's longest sentences, longest first, with their word counts: where to start cutting."""
    sentences = [(len(sentence.split()), sentence) for sentence in sentences_of(text)]
    sentences.sort(key=lambda item: -item[0])
    return [{"words": words, "text": sentence} for words, sentence in sentences[:count]]


def terms_not_in_glossary(text, glossary_names, limit=TERMS_SHOWN):
    """Long, unfamiliar words in the text that no glossary term (or its other names) explains,
    in the order they first appear: candidates for plainer words or a new glossary term."""
    import textstat
    from wordfreq import zipf_frequency

    for name in sorted(glossary_names, key=len, reverse=True):
        words = r"\s+".join(re.escape(word) for word in name.split())
        text = re.sub(rf"(?<!\w){words}(?!\w)", " ", text, flags=re.IGNORECASE)
    familiar = {word.casefold() for word in glossary_names}
    found, seen = [], set()
    for word in WORD.findall(text):
        key = word.casefold()
        if key in seen or key in familiar:
            continue
        seen.add(key)
        if (
            textstat.syllable_count(word) >= TERM_SYLLABLES
            and textstat.difficult_words(word, TERM_SYLLABLES)
            and zipf_frequency(key, "en") < EVERYDAY_ZIPF
        ):
            found.append(word)
            if len(found) >= limit:
                break
    return found
