"""The follow-up forum: the body or the meetings where a promise is followed up ("Löftet följs
upp kvartalsvis i kommunstyrelsen", "… och redovisas i BRÅ-rådet", "Uppföljning sker på
samverkansmöten"), kept in the document's words (``mbl:followUpForum``).

Grammar, not a list of bodies: in a sentence of the follow-up plan, the object of a preposition
of place or means ("i", "på", "vid", "inom", "hos", "för", "till", "genom", "via"), and what is
coordinated with it, whose head noun (the last word, or a compound's last part, in any
inflection) names a body that meets or a meeting: a board, council, committee, group, assembly,
meeting, session, forum ("-styrelsen", "-rådet", "-nämnden", "-gruppen", "-utskottet",
"fullmäktige", "-möten", "-sammanträden", "-träffar", "-forumet", "-konferensen"). Not an area
("området" ends as "rådet" does) nor a target group ("målgruppen"); a body in the genitive
("ledningsgruppens möten") is the meetings', which are the forum; an article before the phrase
("vid ett medborgarmöte") is no part of it.
"""

from __future__ import annotations

import re

from kg.extract.model import Forum
from kg.extract.text import Block

_HEAD = (
    r"(?:styrelse|(?<!om)råd|nämnd|(?<!mål)grupp|utskott|fullmäktige|möte|sammanträde|träff|forum"
    r"|konferens)(?:n|en|et|na|er|erna|ar|arna|r|rna|t)?"
)
_FUNCTION = r"(?:och|samt|eller|i|på|vid|inom|hos|för|till|genom|via|med|av|om|som|att|där|när|sker|ske)"
_PHRASE = rf"(?:(?!{_FUNCTION}\s)[\w-]+(?::s)?\s+){{0,3}}?[\w-]*{_HEAD}(?![\w-])"
"""A noun phrase up to its head: at most three words before it (a genitive, also an
abbreviation's, "BRÅ:s möten", an adjective, an article), none a preposition or conjunction, so
that the phrase ends at its own head."""
_ARTICLE = r"(?:(?:en|ett|den|det|de)\s+)?"
"""An article before the phrase, no part of the forum's name ("vid ett medborgarmöte", "i den
lokala samverkansgruppen")."""
_FORUM = re.compile(
    rf"(?<![\w-])(?:i|på|vid|inom|hos|för|till|genom|via)\s+{_ARTICLE}(?P<np>{_PHRASE})"
    rf"(?P<more>(?:(?:\s*,\s*|\s+och\s+|\s+samt\s+)(?:(?:i|på|vid|inom|hos)\s+)?{_ARTICLE}{_PHRASE})*)",
    re.IGNORECASE,
)
_NEXT = re.compile(
    rf"(?:\s*,\s*|\s+och\s+|\s+samt\s+)(?:(?:i|på|vid|inom|hos)\s+)?{_ARTICLE}(?P<np>{_PHRASE})",
    re.IGNORECASE,
)


_AGENT = re.compile(
    rf"^\s*{_ARTICLE}(?P<np>{_PHRASE})\s+(?:följer|ska\s+följa|skall\s+följa|kommer\s+att\s+följa)"
    rf"\s+(?:\w+\s+){{0,2}}?upp\b|\bupp\s+av\s+{_ARTICLE}(?P<by>{_PHRASE})",
    re.IGNORECASE,
)
"""The body that follows the promise up, as the subject of "följer upp" ("Brottsförebyggande
rådet följer upp löftena varje halvår") or the agent of "följs upp av" ("… följs upp av
samverkansgruppen")."""


def forums(sentences: list[tuple[Block, int, int]]) -> list[Forum]:
    """The forums the follow-up sentences name (each once, in text order), with their passages."""
    out: list[Forum] = []
    for b, s, e in sentences:
        sentence = b.text[s:e]
        found: list[list[tuple[int, int]]] = []
        for m in _FORUM.finditer(sentence):
            spans = [(m.start("np"), m.end("np"))]
            at = m.start("more")
            while (n := _NEXT.match(sentence, at)) is not None and at < m.end("more"):
                spans.append((n.start("np"), n.end("np")))
                at = n.end()
            found.append(spans)
        for m in _AGENT.finditer(sentence):
            group = "np" if m.group("np") is not None else "by"
            found.append([(m.start(group), m.end(group))])
        for spans in sorted(found):
            for x, y in spans:
                label = " ".join(sentence[x:y].split())
                if all(f.label.casefold() != label.casefold() for f in out):
                    out.append(Forum(label, b.span(s + x, s + y)))
    return out


__all__ = ["forums"]
