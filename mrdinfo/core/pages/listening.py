""" "Listen to this page": the browser's own speech reads a page's main text aloud (core/static/
core/listen.js); nothing leaves the device. A page type opts in by putting `{% listen_control %}`
(core/templatetags/listen_tags.py) where the control should be; the information section has it
in its page header.

Speech says some written names wrongly ("MRD" as a word). Apps register where the right words
come from with `register_pronunciations(name, function)`, a function `(request) -> {written:
spoken}`; the information app registers the glossary's "say it as" field. The tag renders their
union on the page as a JSON data block, so core imports no domain app and the script asks the
server nothing."""

from collections.abc import Callable, Mapping

from django.http import HttpRequest

PronunciationSource = Callable[[HttpRequest | None], Mapping[str, str]]

_sources: dict[str, PronunciationSource] = {}


def register_pronunciations(name: str, function: PronunciationSource) -> None:
    """Add `function(request)`'s {written name: spoken words} to every page's pronunciations.
    Registering a name again replaces the earlier function."""
    _sources[name] = function


def pronunciations(request: HttpRequest | None) -> dict[str, str]:
    """Every registered source's pronunciations, the later source winning where two give the same name."""
    merged: dict[str, str] = {}
    for function in _sources.values():
        merged.update(function(request))
    return dict(sorted(merged.items()))
