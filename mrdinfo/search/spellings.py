"""British and American spellings of the same word, so either finds the page.

The site is written in British English, but families also meet American spellings online
(leukemia, hematologist, anemia, tumor). Each word of the query is searched in both spellings
(query.py), and highlighted and matched to titles and glossary terms in either."""

# British spelling at the start of a word, and the American one (ae/oe in medical Greek words).
PREFIX_SPELLINGS = [
    ("leukaem", "leukem"),
    ("haem", "hem"),
    ("anaem", "anem"),
    ("paediatr", "pediatr"),
    ("orthopaed", "orthoped"),
    ("oesophag", "esophag"),
    ("oedem", "edem"),
    ("oestr", "estr"),
    ("foet", "fet"),
    ("septicaem", "septicem"),
    ("ischaem", "ischem"),
    ("anaesth", "anesth"),
    ("diarrhoe", "diarrhe"),
]
# Whole words that differ elsewhere in the word (-our / -or, -re / -er, -ise / -ize).
WORD_SPELLINGS = {
    "tumour": "tumor",
    "tumours": "tumors",
    "colour": "color",
    "colours": "colors",
    "behaviour": "behavior",
    "behaviours": "behaviors",
    "centre": "center",
    "centres": "centers",
    "litre": "liter",
    "litres": "liters",
    "randomised": "randomized",
    "randomisation": "randomization",
    "organisation": "organization",
    "specialised": "specialized",
    "hospitalised": "hospitalized",
    "programme": "program",
    "programmes": "programs",
}
WORD_SPELLINGS_REVERSE = {american: british for british, american in WORD_SPELLINGS.items()}


def spelling_variants(word):
    """The word as typed plus its other spelling(s), British or American."""
    word = word.casefold()
    variants = [word]
    for british, american in PREFIX_SPELLINGS:
        if word.startswith(british):
            variants.append(american + word[len(british) :])
        elif word.startswith(american) and len(word) > len(american):
            variants.append(british + word[len(american) :])
    for table in (WORD_SPELLINGS, WORD_SPELLINGS_REVERSE):
        if word in table:
            variants.append(table[word])
    return list(dict.fromkeys(variants))


def all_variants(words):
    return list(dict.fromkeys(variant for word in words for variant in spelling_variants(word)))
