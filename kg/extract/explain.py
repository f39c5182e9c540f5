"""``kg extract --explain``: each extracted item beside the source lines it came from."""

from __future__ import annotations

from kg.extract.model import EACH_MUNICIPALITY, ActorRef, Analysis, Frequency, Passage
from kg.extract.place_phrases import PlacePhrase
from kg.namespaces import DCT, MBL


def _short(concept: str | None) -> str:
    return concept.rsplit("/", 1)[-1] if concept else "-"


def _actors(refs: list[ActorRef], owners: dict[str, str] | None = None) -> str:
    """The actors' labels; in a joint promise with the municipality the text ties each to,
    "kommunen (Hedemora kommun)", where the label does not name it already."""
    owners = owners or {}

    def label(r: ActorRef) -> str:
        owner = owners.get(r.owner or "")
        if owner is None or (
            r.owner != EACH_MUNICIPALITY and owner.split()[0].casefold() in r.label.casefold()
        ):
            return r.label
        return f"{r.label} ({owner})"

    return ", ".join(label(r) for r in refs) or "-"


def _where(where: PlacePhrase) -> str:
    kinds = ", ".join(_short(k) for k in where.kinds)
    return f"'{where.text}'" + (f" ({kinds})" if kinds else "")


def _freq(f: Frequency | None) -> str:
    return f"{_short(f.concept)} ({f.phrase!r})" if f else "-"


def source_lines(text: str, passage: Passage | None, *, limit: int = 6) -> list[str]:
    """The numbered source lines a passage covers (at most ``limit``)."""
    if passage is None or passage.end <= passage.start:
        return ["      (angiven av användaren / given by the user)"]
    first = text.count("\n", 0, passage.start) + 1
    last = text.count("\n", 0, max(passage.start, passage.end - 1)) + 1
    all_lines = text.split("\n")
    starts = [0]
    for line in all_lines:
        starts.append(starts[-1] + len(line) + 1)
    out = []
    for n in range(first, last + 1):
        line = all_lines[n - 1]
        if not line.strip():
            continue
        a = max(0, passage.start - starts[n - 1])
        z = min(len(line), passage.end - starts[n - 1])
        shown = line if len(line) <= 160 else ("…" if a else "") + line[a:z] + ("…" if z < len(line) else "")
        out.append(f"      {n:>4} | {shown}")
    if len(out) > limit:
        out = [*out[: limit - 1], f"      {'':>4} | ... ({len(out) - limit + 1} rader till / more lines)"]
    return out


def explain(a: Analysis) -> str:
    t = a.text
    out: list[str] = []

    def item(header: str, passage: Passage | None) -> None:
        out.append(header)
        out.extend(source_lines(t, passage))

    m = a.municipality
    owners = {x.code: x.name for x in (m, *a.also_municipalities)} if a.also_municipalities else {}
    if owners:
        owners[EACH_MUNICIPALITY] = "i varje kommun / in each municipality"
    item(f"Kommun / municipality: {m.name} ({m.code}) [{m.rule or '-'}]", m.passage)
    for other in a.also_municipalities:  # a joint promise (kg.extract.joint)
        item(f"Kommun / municipality: {other.name} ({other.code}) [{other.rule}]", other.passage)
    if ";" in m.evidence:
        out.append(f"      kandidater / candidates: {m.evidence}")
    if a.police_area:
        item(f"Polisområde / police area: {a.police_area.name}", a.police_area.passage)
    else:
        out.append("Polisområde / police area: - (okänt / unknown)")
    p = a.period
    item(f"Period: {p.start} – {p.end} ({p.verbatim!r})", p.passage)
    for cited in a.cited:  # the promise's target groups and areas, each by the passage citing it
        if cited.predicate == str(DCT.audience):
            item(f"Målgrupp / target group: {_short(cited.value)}", cited.passage)
        elif cited.predicate == str(MBL.area):
            name = t[cited.passage.start : cited.passage.end]
            item(f"Område / area: {name} [{_short(cited.kind)}]", cited.passage)
    if a.situation:
        s = a.situation
        ks = ", ".join(_short(k) for k in s.knowledge_sources) or "-"
        out.append(f"Lägesbild / situation: kunskapskällor / knowledge sources: {ks}")
        for n, problem in enumerate(s.problems, 1):
            areas = ", ".join(_short(x) for x in problem.areas) or "-"
            item(f"  Problem {n}: [{areas}] {problem.title or problem.description[:80]}", problem.passage)
    for n, pr in enumerate(a.priorities, 1):
        areas = ", ".join(_short(x) for x in pr.areas) or "-"
        item(f"Prioritering / priority {n}: {pr.title} [{areas}]", pr.passage)
    for n, act in enumerate(a.activities, 1):
        prio = f"prioritering {act.priority + 1}" if act.priority is not None else "ingen prioritering"
        extra = []
        if act.partners:
            extra.append(f"partner: {_actors(act.partners, owners)}")
        if act.activity_types:
            extra.append("typ: " + ", ".join(_short(x) for x in act.activity_types))
        if act.quantity is not None:
            extra.append(f"antal: {act.quantity}")
        if act.where:
            extra.append("var / where: " + ", ".join(_where(w) for w in act.where))
        named = [pl.name for pl in act.places if not any(pl.name in w.text for w in act.where)]
        if named:
            extra.append("plats: " + ", ".join(named))
        item(
            f"Aktivitet / activity {n} ({prio}): ansvarig / responsible: {_actors(act.responsible, owners)} "
            f"[{act.actor_source}]; frekvens / frequency: {_freq(act.frequency)}"
            + (f"; {'; '.join(extra)}" if extra else ""),
            act.passage,
        )
    for n, o in enumerate(a.outcomes, 1):
        ind = ", ".join(_short(x) for x in o.indicators) or "-"
        item(f"Förväntat resultat / outcome {n}: indikator / indicator: {ind}", o.passage)
    if a.followup:
        f = a.followup
        item(f"Uppföljning / follow-up: frekvens / frequency: {_freq(f.frequency)}", f.passage)
        for forum in f.forums:
            item(f"  Forum: {forum.label}", forum.passage)
        for n, c in enumerate(f.channels, 1):
            item(f"  Kanal / channel {n}: {c.label} [{_short(c.channel_type)}]", c.passage)
    else:
        out.append("Uppföljning / follow-up: - (ingen hittad / none found)")
    for n, sig in enumerate(a.signatures, 1):
        bits = [sig.name, sig.post or "-", str(sig.party or "-"), sig.place or "-", sig.date_text or "-"]
        item(f"Underskrift / signature {n}: " + " | ".join(bits), sig.passage)
    if a.truncated:
        out.append("Avkortad / truncated: texten slutar mitt i en mening / the text ends mid-sentence")
    if a.omissions:
        out.append("Utelämnat / left out:")
        for left in a.omissions:
            item(f"  - {left.reason}", left.passage)
    if a.notes:
        out.append("")
        out.extend(f"Obs / note: {note}" for note in a.notes)
    if a.assumptions:
        out.append("")
        out.append(f"Antaganden / assumptions (texten anger dem inte / not stated): {len(a.assumptions)}")
        for n, asm in enumerate(a.assumptions, 1):
            value = "(okänt / unknown)" if asm.value is None else _tail(asm.value)
            out.append(
                f"  {n}. {_tail(asm.subject)} {_tail(asm.predicate)} = {value} [{asm.kind}; {asm.rule}]"
            )
            out.append(f"     {asm.reason_sv} / {asm.reason_en}")
    return "\n".join(out) + "\n"


def _tail(iri: str) -> str:
    """An IRI as a reader recognises it: the part after ``/id/promise/<key>/``, ``/id/`` or ``#``."""
    for marker in ("/id/promise/", "/id/"):
        if marker in iri:
            rest = iri.split(marker, 1)[1]
            return rest.split("/", 1)[1] if marker == "/id/promise/" and "/" in rest else rest
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if iri.startswith("http") else iri
