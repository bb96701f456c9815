"""Numbers for the cells-in-the-body explainer: powers of ten in words and digits, and the
comparisons that make a big number feel real (counting one a second, people, a line of dots).

Everything an explainer shows about a number is computed here from the exponent an editor
typed, never typed itself, so no one can publish wrong arithmetic. The wording is UK style, as
FACTS.md uses it: 10^9 is "a thousand million", 10^12 "a million million".

Every figure is checked against the comparison table in FACTS.md by tests/test_numbers.py."""

from decimal import ROUND_HALF_UP, Decimal

# Seconds in an average (Julian) year of 365.25 days.
SECONDS_PER_YEAR = 365.25 * 24 * 60 * 60
SECONDS_PER_DAY = 24 * 60 * 60
SECONDS_PER_HOUR = 60 * 60

# People on Earth: about 8.2 thousand million (United Nations, World Population Prospects 2024,
# estimate for 2025). With it, FACTS.md's table comes out as written: 10^12 is about 120 times
# everyone on Earth (121.95), 10^10 about everyone (1.22 times), 10^9 about 1 in 8 people (8.2).
WORLD_POPULATION = 8_200_000_000
# A full football stadium, as FACTS.md words it: Wembley holds 90,000.
STADIUM = 90_000
# A city of a million people.
CITY = 1_000_000
# The average distance from the Earth to the Moon: 384,400 km (NASA). 10^12 dots of 1 mm make
# a line of 1,000,000 km, 2.6 times that, as FACTS.md says.
EARTH_TO_MOON_KM = 384_400

# The most an explainer may show: a million million million cells, a share of 1 in 10^12.
LARGEST_EXPONENT = 18
SMALLEST_SHARE_EXPONENT = -12

_SMALL = {0: "one", 1: "ten", 2: "a hundred", 3: "a thousand", 4: "ten thousand", 5: "a hundred thousand"}
_SMALL_PLURAL = {1: "tens", 2: "hundreds", 3: "thousands", 4: "tens of thousands", 5: "hundreds of thousands"}


def _check(exponent, low=0, high=LARGEST_EXPONENT):
    if not isinstance(exponent, int) or isinstance(exponent, bool) or not low <= exponent <= high:
        raise ValueError(f"the power of ten must be a whole number from {low} to {high}, not {exponent!r}")


def power_words(exponent):
    """10^exponent in words, UK style: 12 → "a million million", 10 → "ten thousand million"."""
    _check(exponent)
    if exponent < 6:
        return _SMALL[exponent]
    millions, rest = divmod(exponent, 6)
    head = "a" if rest == 0 else _SMALL[rest]
    return " ".join([head] + ["million"] * millions)


def power_words_plural(exponent):
    """Many of 10^exponent, for a range within one step: 9 → "thousands of millions"."""
    _check(exponent, low=1)
    if exponent < 6:
        return _SMALL_PLURAL[exponent]
    millions, rest = divmod(exponent, 6)
    if rest == 0:
        return " of ".join(["millions"] * millions)
    return _SMALL_PLURAL[rest] + " of " + " of ".join(["millions"] * millions)


def power_digits(exponent):
    """10^exponent in digits with commas: 12 → "1,000,000,000,000"."""
    _check(exponent)
    return f"{10**exponent:,}"


def superscript_power(exponent):
    """ "10¹²", for the labels on the scale."""
    table = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
    return "10" + str(exponent).translate(table)


def one_in(share_exponent):
    """A share of the sample: -4 → "1 in 10,000"."""
    _check(share_exponent, low=SMALLEST_SHARE_EXPONENT, high=0)
    return f"1 in {10**-share_exponent:,}"


def share_range(smallest, largest):
    """-5, -4 → "1 in 10,000 to 1 in 100,000" (the bigger share first, as people say it)."""
    if smallest == largest:
        return one_in(largest)
    return f"{one_in(largest)} to {one_in(smallest)}"


# --- rounding, as FACTS.md rounds ------------------------------------------------------------


def _round(value, places=0):
    quantum = Decimal(1).scaleb(-places)
    return Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def _significant(value, figures):
    """Round to `figures` significant figures: 31,688 → 31,700; 121.95 → 120."""
    digits = len(str(int(value)))
    return int(_round(value / 10 ** (digits - figures)) * 10 ** (digits - figures))


def _number(value):
    return f"{value:,}"


# --- comparisons ---------------------------------------------------------------------------------


def counting_time(exponent):
    """How long counting 10^exponent things at one a second takes: 12 → "about 31,700 years"."""
    _check(exponent)
    seconds = 10**exponent
    if seconds < 60:
        return f"{seconds} second" + ("s" if seconds != 1 else "")
    if seconds < SECONDS_PER_HOUR:
        return f"about {_number(int(_round(seconds / 60)))} minutes"
    if seconds < 2 * SECONDS_PER_DAY:
        return f"about {_number(int(_round(seconds / SECONDS_PER_HOUR)))} hours"
    if seconds < SECONDS_PER_YEAR:
        days = seconds / SECONDS_PER_DAY
        if days < 20:
            # To the nearest half day, as FACTS.md gives 10^6 seconds: 11.57 days → "11.5 days".
            halves = _round(days * 2) / 2
            return f"about {halves.normalize():f} days"
        return f"about {_number(int(_round(days)))} days"
    years = seconds / SECONDS_PER_YEAR
    if years >= 1000:
        return f"about {_number(_significant(years, 3))} years"
    return f"about {_number(int(_round(years)))} years"


def people(exponent):
    """10^exponent people, in terms a parent can picture: 12 → "about 120 times everyone on Earth"."""
    _check(exponent)
    count = 10**exponent
    ratio = count / WORLD_POPULATION
    if ratio >= 2:
        return f"about {_number(_significant(ratio, 2))} times everyone on Earth"
    if ratio >= 0.5:
        return "about everyone on Earth"
    if count >= WORLD_POPULATION / 100:
        return f"about 1 in {_number(_significant(1 / ratio, 1 if 1 / ratio < 10 else 2))} people on Earth"
    if count >= CITY:
        cities = count // CITY
        return (
            "a city of a million people" if cities == 1 else f"{power_words(exponent - 6)} cities of a million people"
        )
    if count >= STADIUM:
        return f"about a full football stadium ({_number(STADIUM)} people)"
    return f"{power_words(exponent)} people" if exponent else "one person"


def dot_line(exponent):
    """10^exponent dots 1 mm wide in a line: 12 → "1 million km, about 2.6 times as far as the Moon"."""
    _check(exponent)
    millimetres = 10**exponent
    if millimetres >= 10**9:
        kilometres = millimetres // 10**6
        length = "1 million km" if kilometres == 10**6 else f"{_number(kilometres)} km"
        moons = kilometres / EARTH_TO_MOON_KM
        if moons >= 1:
            return f"{length}, about {_round(moons, 1)} times as far as from the Earth to the Moon"
        return length
    if millimetres >= 10**6:
        return f"{_number(millimetres // 10**6)} km"
    if millimetres >= 1000:
        return f"{_number(millimetres // 1000)} m"
    if millimetres >= 10:
        return f"{_number(millimetres // 10)} cm"
    return f"{millimetres} mm"


def comparisons(exponent):
    """The three comparisons for 10^exponent cells, as sentences a parent reads."""
    return {
        "counting": counting_time(exponent),
        "people": people(exponent),
        "dots": dot_line(exponent),
    }
