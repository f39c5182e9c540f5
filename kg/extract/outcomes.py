"""Expected outcomes with their indicators, and the follow-up plan with its channels."""

from __future__ import annotations

import re

from kg.extract.forums import forums
from kg.extract.frequencies import find_frequencies
from kg.extract.model import Channel, FollowUpPlan, Frequency, Outcome, Passage
from kg.extract.state import FOLLOWUP, State
from kg.extract.text import TERMINAL, Block, sentences

_INDICATOR_SENTENCE = re.compile(r"^\s*(uppföljning|mäts|mätning|följs upp|indikator)", re.IGNORECASE)
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>()\[\],]+[^\s<>()\[\],.]"
    r"|(?<![\w@./-])[a-z0-9][a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}(?:/[^\s<>()\[\],]*[^\s<>()\[\],.])?(?![\w@-])"
)
"""A web address: with its scheme or "www.", or a bare host name ("umea.se", "polisen.se",
"umea.se/medborgarloften"): labels of lower-case letters, digits and hyphens joined by dots, the
last a top-level domain of letters; not part of an e-mail address, and the first label at least two
characters, so that an abbreviation ("t.ex.", "bl.a.", "fr.o.m.") is none."""
_SOCIAL = re.compile(
    r"\b(Facebook|Instagram|Twitter|YouTube|LinkedIn|TikTok|X)\s*:\s*([^,\n]+?)(?=,|$|\n|\s{2,})"
)


_POINTER = re.compile(
    r"(?:^\s*(?:\d{1,2}[.)]?|[\u00b9\u00b2\u00b3\u2070-\u2079]+|\*+|\[\d{1,2}\])?\s*|[(\[,;:\u2013\u2014]\s*|[.!?][\u00b9\u00b2\u00b3\u2070-\u2079*]*\s+"
    r"|\s(?:och|eller)\s+)"
    r"(?:(?:läs|se|besök|titta|gå\s+in|ring|kontakta|tipsa|anmäl|mejla|maila)\b"
    r"|(?:för\s+)?mer\s+(?:information|info|om)\b)"
    r"(?:(?!redovisa|publicera|rapportera|presentera)[^()\[\],;:\u2013\u2014])*$",
    re.IGNORECASE,
)
"""A pointer to the reader, from its start (a sentence, a footnote with its mark, a bracket or a
clause) up to an address: the imperative "Läs mer på", "Se", "Besök", "Gå in på", or "Mer
information finns på", and the reader's own contact or report ("Ring 114 14 eller besök
polisen.se", "Tipsa polisen på …"). It points to further reading or to where to turn, a
reference; a channel is where the
promise says its follow-up is reported ("redovisas på umea.se", "Följ arbetet på polisen.se"),
so a pointer that says so ("Besök på skolorna redovisas på hemsidan") is none."""


def _pointed(sentence: str, at: int) -> bool:
    """Whether the address or channel word at ``at`` is what a pointer to the reader points to."""
    return _POINTER.search(sentence[:at]) is not None


_RESULT = re.compile(
    r"\b(ska|skall|kommer att|förväntas|målet|leda till|bidra till|öka|minska|förbättra|stärka|"
    r"fler|färre|högre|lägre)\w*",
    re.IGNORECASE,
)


_CHANGE = re.compile(
    r"\b(öka|minska|förbättra|stärka|fler|färre|högre|lägre|leda till|bidra till|målet)\w*",
    re.IGNORECASE,
)
"""The words of a result to reach (a change), without the modal verbs of :data:`_RESULT`: they
tell "Tryggheten ska öka, vilket följs upp ..." (an outcome) from "Löftet ska följas upp" (not)."""


_MEASURED = re.compile(r"\b(?:mätt|mätta|mäts|mätts|mätas|enligt)\b", re.IGNORECASE)
"""How a result is measured, as a participle or passive, or by "enligt": "Andelen trygga ska öka,
mätt i polisens trygghetsundersökning", "…, vilket mäts i trygghetsmätningen", "Ökad upplevd
trygghet i centrum enligt trygghetsmätningen" (the indicator only where what follows names one)."""


def outcome(st: State, b: Block) -> None:
    described: list[tuple[int, int]] = []
    indicator: tuple[int, int] | None = None
    for s, e in sentences(b.text):
        sentence = b.text[s:e]
        if sentence.rstrip().endswith(":"):
            # "Under år 2022 ska följande områden vara i fokus:" introduces what follows; it
            # states no result of its own
            st.omit(b.span(s, e), "inleder en lista / introduces a list")
            continue
        if _INDICATOR_SENTENCE.search(sentence) or (
            re.search(r"\b(via|genom|med hjälp av)\b", sentence)
            and st.lexicon.find("indicator", sentence)
            and re.search(r"uppfölj|mäts|följs upp", sentence, re.IGNORECASE)
        ):
            indicator = (s, e)
        elif (found := FOLLOWUP.search(sentence) or _MEASURED.search(sentence)) and _CHANGE.search(sentence):
            # under an outcomes heading, a result the parties will follow up is a result
            # ("Tryggheten ska öka och det följs upp i trygghetsmätningen", "Vi ska följa upp
            # att tryggheten ökar"): the outcome, and its follow-up words name the indicator
            described.append((s, e))
            head, tail = sentence[: found.start()], sentence[found.start() :]
            if indicator is None and _CHANGE.search(head) and st.lexicon.find("indicator", tail):
                indicator = (s + found.start(), e)
        elif FOLLOWUP.search(sentence) and not described:
            st.followup_spans.append((b, s, e, True))
        else:
            described.append((s, e))
    # an outcome states a result to reach ("Tryggheten ska öka", "Målet är att minska ..."); a
    # paragraph that states none (a news item's "X är nöjd med ...") is not one
    described = [(s, e) for s, e in described if _RESULT.search(b.text[s:e])]
    if not described:
        return
    d0, d1 = described[0][0], described[-1][1]
    outcome = Outcome(b.text[d0:d1].strip(), b.passage)
    if indicator is not None:
        outcome.indicator_text = b.text[indicator[0] : indicator[1]].strip()
        outcome.indicators = st.lexicon.concepts("indicator", outcome.indicator_text)
    st.outcomes.append(outcome)


def followup(st: State) -> FollowUpPlan | None:
    if not st.followup_spans:
        return None
    cue = [x for x in st.followup_spans if x[3]]
    main = cue or st.followup_spans
    frequency: Frequency | None = None
    for b, s, e, _ in [*cue, *st.followup_spans]:
        sentence = b.text[s:e]
        found = [r for r in find_frequencies(sentence, st.lexicon) if not r.read]
        if found:
            f = found[0]
            frequency = Frequency(f.concept, sentence[f.start : f.end], b.span(s + f.start, s + f.end))
            break
    used = main[:3]
    # a body named in a further sentence of the follow-up ("Uppföljning sker varje kvartal. En gång
    # om året redovisas resultatet för kommunstyrelsen."): the forum is the plan's too
    used += [x for x in st.followup_spans if x not in used and forums([x[:3]])]
    used.sort(key=lambda x: x[0].span(x[1], x[2]).start)
    description = joined([b.text[s:e].strip() for b, s, e, _ in used])
    # the passage holds every sentence the description is made of
    spans = [b.span(s + len(b.text[s:e]) - len(b.text[s:e].lstrip()), e) for b, s, e, _ in used]
    passage = Passage(min(p.start for p in spans), max(p.end for p in spans))
    plan = FollowUpPlan(description, passage, frequency)
    plan.forums = forums([(b, s, e) for b, s, e, _ in used])
    plan.channels = _channels(st, [f.passage for f in plan.forums])
    return plan


def joined(parts: list[str]) -> str:
    """Sentences and list items as one description: a sentence ends with its own punctuation and
    the next follows after a space; an item, which has none ("Arbetet följs upp kvartalsvis i
    BRÅ-rådet" over "En gång per år …"), is set apart by "; ", so that where one ends stays
    readable, as a list's items are joined elsewhere (the situation's problems)."""
    out = ""
    for part in parts:
        if out:
            out += " " if out.endswith(TERMINAL) else "; "
        out += part
    return out


def _channels(st: State, forums: list[Passage]) -> list[Channel]:
    """The channels the follow-up sentences name. A channel word inside a longer forum is that
    forum, no channel: "på ledningsgruppens möten" are a body's own meetings, where the promise is
    followed up, not meetings where the results reach the residents ("medborgarmöten")."""
    channels: list[Channel] = []
    hosts: set[str] = set()
    generic: list[Channel] = []
    for b, s, e, _ in st.followup_spans:
        sentence = b.text[s:e]
        taken: list[tuple[int, int]] = []
        for m in _SOCIAL.finditer(sentence):
            if _pointed(sentence, m.start()):
                continue
            label = f"{m.group(1)}: {m.group(2).strip()}"
            if all(c.label != label for c in channels):
                ctype = st.lexicon.find("channel-type", m.group(1))
                channels.append(Channel(label, b.span(s + m.start(), s + m.end()), None,
                                        ctype[0].concept if ctype else None))  # fmt: skip
            taken.append((m.start(), m.end()))
        for m in _URL.finditer(sentence):
            url = m.group(0)
            host = re.sub(r"^(https?://)?(www\.)?", "", url).split("/")[0].lower()
            taken.append((m.start(), m.end()))
            if _pointed(sentence, m.start()):
                continue
            if host in hosts:
                continue
            hosts.add(host)
            full = url if url.startswith("http") else f"https://{url}"
            web = st.lexicon.find("channel-type", "webbplats")
            channels.append(Channel(url, b.span(s + m.start(), s + m.end()), full,
                                    web[0].concept if web else None))  # fmt: skip
        for cm in st.lexicon.find("channel-type", sentence):
            if any(a <= cm.start < z for a, z in taken) or _pointed(sentence, cm.start):
                continue
            at = b.span(s + cm.start, s + cm.end)
            if any(f.start <= at.start and at.end <= f.end and f != at for f in forums):
                continue
            generic.append(
                Channel(
                    cm.surface.strip(),
                    b.span(s + cm.start, s + cm.end),
                    None,
                    cm.concept,
                )
            )
    specific_types = {c.channel_type for c in channels}
    seen_types: set[str | None] = set()
    for c in generic:
        if c.channel_type in specific_types or c.channel_type in seen_types:
            continue
        seen_types.add(c.channel_type)
        channels.append(c)
    channels.sort(key=lambda c: c.passage.start)
    return channels
