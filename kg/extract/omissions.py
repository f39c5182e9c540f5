"""What the extraction left out: every part of the text that held promise-like sentences but
gave no activity, and why (for ``kg extract --explain``).

The walk over the blocks records the reasons it knows (a quote, the promise's aim before its
list, a sentence that names no one, a list item whose sub-items are the activities); this module
adds the rest: sentences with a promise verb in a part that holds no activities (introduction,
situation picture, outcomes, follow-up), paragraphs of page chrome, repeated paragraphs, and the
incomplete end of a page that was cut off.
"""

from __future__ import annotations

import re

from kg.extract.model import Omission, Passage
from kg.extract.state import PROMISE_VERB, Part, State
from kg.extract.text import BlockKind, sentences

_PROMISE_LIKE = re.compile(PROMISE_VERB.pattern + r"|\blovar\b", re.IGNORECASE)

_PART_REASONS = {
    Part.intro: "inledningen beskriver löftet, den lovar inga egna aktiviteter / the introduction "
    "describes the promise, it promises no activities of its own",
    Part.situation: "lägesbilden beskriver läget, den lovar inget / the situation picture describes "
    "the situation, it promises nothing",
    Part.outcomes: "ett förväntat resultat, inte en aktivitet / an expected outcome, not an activity",
    Part.followup: "uppföljningen, inte en aktivitet / the follow-up, not an activity",
}


def collect(st: State) -> list[Omission]:
    """The omissions of one analysed document, in text order."""
    out = list(st.omissions)
    covered: list[Passage] = [a.passage for a in st.activities]
    covered += [o.passage for o in st.outcomes]
    covered += [o.passage for o in out]
    covered += [b.span(s, e) for b, s, e, _ in st.followup_spans]

    def taken(p: Passage) -> bool:
        return any(c.start <= p.start and p.end <= c.end for c in covered) or any(
            c.start < p.end and p.start < c.end for c in covered
        )

    for index, b in enumerate(st.blocks):
        if b.chrome:
            out.append(Omission(b.passage, "webbsidans kakbanner / the page's cookie banner"))
            continue
        if b.foreign:
            out.append(Omission(b.passage, "på engelska, en översättning / in English, a translation"))
            continue
        if b.cut is not None:
            out.append(
                Omission(
                    b.cut,
                    "texten är avkortad mitt i en mening; det ofullständiga är utelämnat / the text "
                    "is cut off mid-sentence; what is incomplete is left out",
                )
            )
        if b.kind is BlockKind.heading:
            continue
        part = st.parts.get(index)
        for s, e in sentences(b.text):
            if not _PROMISE_LIKE.search(b.text[s:e]):
                continue
            passage = b.span(s, e)
            if taken(passage):
                continue
            reason = _PART_REASONS.get(part) if part is not None else None
            out.append(
                Omission(
                    passage,
                    reason
                    or "meningen lovar ingen bestämd handling (inget 'ska', 'lovar att' eller 'kommer "
                    "att' före en handling) / the sentence promises no particular action",
                )
            )
            covered.append(passage)
    out.sort(key=lambda o: o.passage.start)
    merged: list[Omission] = []
    for o in out:
        prev = merged[-1] if merged else None
        if prev is not None and prev.reason == o.reason and 0 <= o.passage.start - prev.passage.end <= 2:
            merged[-1] = Omission(Passage(prev.passage.start, o.passage.end), o.reason)
        else:
            merged.append(o)
    return merged
