# ruff: noqa: E501  (Markdown table rows read better unbroken)
"""benchmarks/RESULTS.md from benchmarks/out/results.json (written by benchmarks/run.py).

    python benchmarks/report.py     # re-render RESULTS.md from the last run's results.json

The notes on profiles and gaps are in benchmarks/NOTES.md, which is copied in after the tables.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

TARGETS = {
    "import_s": 20.0,
    "reimport_s": 2.0,
    "import_docs_per_s": 115.0,
    "vs_naive": 10.0,
    "vs_raw": 10.0,
    "cold_ms": 300.0,
    "repeated_ms": 5.0,
    "cold_x10_ms": 1000.0,
    "vs_rdflib": 50.0,
    "serve_rps": 0.7,
    "serve_p99": 3.0,
    "memory_mb": 1024.0,
}


def _f(x: float | None, digits: int = 1) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}"


def _ok(good: bool) -> str:
    return "met" if good else "**missed**"


Lines = list[str]


def _not_measured(r: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """Why a section's steps have no results (failed, skipped, not run), or None."""
    why = []
    for k in keys:
        if k in r:
            continue
        f = r.get("failures", {}).get(k)
        if f is None:
            why.append(f"step {k} was not run")
        elif "skipped" in f:
            why.append(f"step {k} was skipped: {f['skipped']}")
        else:
            last = (f.get("error") or "").strip().splitlines()
            why.append(f"step {k} failed: {last[-1][:300] if last else '?'}")
    return "; ".join(why) or None


def _section(lines: Lines, r: dict[str, Any], title: str, keys: tuple[str, ...], render: Any) -> None:
    """``title`` and what ``render(r)`` writes, or the reason it has nothing to show."""
    lines += [title, ""]
    why = _not_measured(r, keys)
    if why:
        lines += [f"**Not measured in this run**: {why}.", ""]
        return
    try:
        lines.extend(render(r))
    except Exception as exc:  # one section's surprise must not cost the others (results.json has it all)
        lines += [f"**This section could not be written**: {type(exc).__name__}: {exc}.", ""]


def write_report(r: dict[str, Any], path: Path) -> None:
    lines: Lines = []
    lines += _header(r)
    if r.get("generate"):
        lines += _corpus(r["generate"])
    _section(lines, r, "## 1. Import with validation", ("kg_import",), _import)
    _section(lines, r, "## 2. Saved queries", ("queries_national",), _queries)
    _section(lines, r, "## 3. Serving", ("serve",), lambda r: _serve(r["serve"]))

    def startup(r: dict[str, Any]) -> Lines:
        from bench_startup import markdown

        return [*markdown(r["startup"]), ""]

    _section(lines, r, "## 4. Start-up", ("startup",), startup)

    def quality(r: dict[str, Any]) -> Lines:
        from bench_quality import markdown

        return markdown(r["quality"])

    _section(lines, r, "## 5. Data-quality scorecard (kg quality), national scale", ("quality",), quality)

    def publish(r: dict[str, Any]) -> Lines:
        from bench_publish import markdown

        return [*markdown(r["publish"]), ""]

    _section(lines, r, "## 6. Publishing to triple stores", ("publish",), publish)

    def engines(r: dict[str, Any]) -> Lines:
        from bench_engines import markdown

        return [*markdown(r["engines"]), ""]

    _section(lines, r, "## 7. Saved queries on the triple stores", ("engines",), engines)
    notes = HERE / "NOTES.md"
    if notes.exists():
        lines += [notes.read_text(encoding="utf-8").strip(), ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def _header(r: dict[str, Any]) -> Lines:
    m = r.get("machine", {})
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (benchmarks/run.py, benchmarks/report.py); every figure below is from",
        f"that one run, on the same synthetic corpus (benchmarks/generate.py, seed 1). Total time: {_f(r.get('total_s'))} s.",
    ]
    if r.get("quick"):
        lines += [
            "",
            "**Quick run** (`--quick`: 30 municipalities, 10x = scale 2): a smoke test, not the figures of record.",
        ]
    failed = {k: v for k, v in r.get("failures", {}).items()}
    if failed:
        lines += ["", "**Steps without results in this run** (their sections say so):", ""]
        for k, v in failed.items():
            why = v.get("skipped") or (v.get("error") or "?").strip().splitlines()[-1][:300]
            lines.append(f"- `{k}`: {why}")
    lines += ["", "## Machine", "", "| | |", "|---|---|"]
    for k in ("date", "cpu", "cores", "memory", "os", "python", "kg", "pyoxigraph", "oxigraph_server",
              "rdflib", "pyshacl"):  # fmt: skip
        lines.append(f"| {k} | {m.get(k)} |")
    for key, label in (
        ("load_average_at_start", "load average at start"),
        ("load_average_at_end", "load average at end"),
    ):
        la = m.get(key) or r.get(key)
        if la:
            lines.append(f"| {label} | {', '.join(f'{x:.2f}' for x in la)} |")
    secs, cpu = r.get("step_seconds") or {}, r.get("step_cpu_seconds") or {}
    if secs:
        times = [f"{k} {v:.0f} s" + (f" ({cpu[k]:.0f} s CPU)" if k in cpu else "") for k, v in secs.items()]
        lines.append("| step wall times | " + ", ".join(times) + " |")
    return [*lines, ""]


def _corpus(g: dict[str, Any]) -> Lines:
    lines = [
        "## Corpus",
        "",
        "| corpus | documents | triples | triples/document | generated in |",
        "|---|---:|---:|---:|---:|",
    ]
    for k, label in (("national_ttl", "national (promises and their follow-ups), Turtle per document"),
                     ("national_nq", "national, N-Quads (+ source nodes, catalogue records)"),
                     ("x10_nq", "10x (ten promises per municipality and period), N-Quads (+ source nodes, catalogue records)")):  # fmt: skip
        v = g[k]
        lines.append(
            f"| {label} | {v['documents']:,} | {v['triples']:,} | {v['triples'] / max(1, v['documents']):.0f} "
            f"| {_f(v['seconds'])} s |"
        )
    return [*lines, ""]


def _import(r: dict[str, Any]) -> Lines:
    """The import table and its targets; the naive path and the raw loads where they ran."""
    ki, nv, rd, rm = r["kg_import"], r.get("naive"), r.get("raw_disk"), r.get("raw_memory")
    lines: Lines = []
    add = lines.append
    docs = ki["imported"]
    kinds = ki.get("documents_by_kind") or {}
    kg_dps = docs / ki["wall_s"]
    kg_qps = ki["quads_in_store"] / ki["wall_s"]
    if kinds:
        add(
            f"The national corpus: {kinds.get('promise', 0):,} promises and {kinds.get('followup', 0):,} follow-ups "
            "(each follow-up validated with the promise it follows up)."
        )
        add("")
    for key in ("naive", "raw_disk", "raw_memory"):
        why = _not_measured(r, (key,))
        if why:
            add(f"**Not measured in this run**: {why}.")
            add("")
    add("| path | documents | wall | documents/s | quads/s | peak memory |")
    add("|---|---:|---:|---:|---:|---:|")
    add(
        f"| `kg import` (CLI: start-up, validation, one transaction per document, on disk) | {docs:,} "
        f"| {_f(ki['wall_s'])} s ({_f(ki.get('cpu_s'))} s CPU) | {_f(kg_dps)} | {_f(kg_qps)} | {_f(ki['maxrss_mb'])} MB |"
    )
    if nv:
        add(
            f"| naive: rdflib parse + pySHACL per document + rdflib Dataset (sample) | {nv['documents']} "
            f"| {_f(nv['wall_s'])} s (+{_f(nv['setup_s'])} s set-up) | {_f(nv['documents'] / nv['wall_s'])} | "
            f"{_f(nv['triples'] / nv['wall_s'])} | {_f(nv['maxrss_mb'])} MB |"
        )
    for raw, label in ((rd, "on disk (no validation, no catalogue)"), (rm, "in memory")):
        if raw:
            add(
                f"| raw pyoxigraph `bulk_load`, {label} | – | {_f(raw['wall_s'])} s | – "
                f"| {_f(raw['quads'] / raw['wall_s'])} | {_f(raw['maxrss_mb'])} MB |"
            )
    add("")
    naive_total = docs * nv["wall_s"] / nv["documents"] if nv else float("nan")
    raw_total = ki["quads_in_store"] * rd["wall_s"] / rd["quads"] if rd else float("nan")
    if nv:
        add(
            f"The naive path conformed on {nv['conforming']} of {nv['documents']} sampled documents (promises and "
            f"follow-ups); extrapolated to the corpus it needs {_f(naive_total)} s."
        )
        add("")
    add("| target | measured | |")
    add("|---|---:|---|")
    add(
        f"| national import (promises and follow-ups) ≤ {TARGETS['import_s']:g} s "
        f"| {_f(ki['wall_s'])} s ({_f(kg_dps)} documents/s) | {_ok(ki['wall_s'] <= TARGETS['import_s'])} |"
    )
    add(
        f"| ≥ {TARGETS['vs_naive']:g}x the naive path | {_f(naive_total / ki['wall_s'])}x "
        f"| {_ok(naive_total / ki['wall_s'] >= TARGETS['vs_naive'])} |"
    )
    add(
        f"| within {TARGETS['vs_raw']:g}x of raw load (on disk) | {_f(ki['wall_s'] / raw_total)}x slower "
        f"| {_ok(ki['wall_s'] / raw_total <= TARGETS['vs_raw'])} |"
    )
    add(
        f"| peak memory ≤ 1 GB importing | {_f(ki['maxrss_mb'])} MB | {_ok(ki['maxrss_mb'] <= TARGETS['memory_mb'])} |"
    )
    if ki.get("reimport_s") is not None:
        add(
            f"| re-import of the unchanged corpus ≤ {TARGETS['reimport_s']:g} s "
            f"({ki.get('reimport_unchanged')} of {docs:,} reported unchanged) | {_f(ki['reimport_s'])} s "
            f"({_f(ki.get('reimport_cpu_s'))} s CPU) "
            f"| {_ok(ki['reimport_s'] <= TARGETS['reimport_s'] and ki.get('reimport_unchanged') == docs)} |"
        )
    sc = r.get("shape_change")
    if sc:
        every = sc["revalidated"] == sc["documents"] == sc["records_with_new_context"]
        add(
            f"| an import after one shape changed validates every document again | {sc['revalidated']:,} of "
            f"{sc['documents']:,} validated again, {sc['records_with_new_context']:,} records with the new context, "
            f"in {_f(sc['wall_s'])} s | {_ok(every)} |"
        )
    else:
        why = _not_measured(r, ("shape_change",))
        add(
            f"| an import after one shape changed validates every document again | not measured: {why} | **missed** |"
        )
    add("")
    if sc:
        add(
            "The import after a shape changed ran through the library on a copy of the store, with the bundled "
            "shapes plus one triple in one file (a validator other than the bundled one validates in one process, "
            f"without workers): {_f(sc['wall_s'])} s wall, {_f(sc['cpu_s'])} s CPU, peak {_f(sc['maxrss_mb'])} MB."
        )
        add("")
    return lines


def _firsts(v: dict[str, Any]) -> tuple[str, list[float]]:
    """A query's cold first pages (example / defaults) as shown, and as counted (ms)."""
    if "timeout_s" in v:
        return f"> {v['timeout_s'] * 1000:,.0f}", [v["timeout_s"] * 1000]
    if "error" in v:
        return f"error: {v['error'][:60]}", []
    got = [v["cold_ms"]] + ([v["cold_defaults_ms"]] if v.get("cold_defaults_ms") is not None else [])
    text = (
        _f(v["cold_ms"])
        + " / "
        + (_f(v["cold_defaults_ms"]) if v.get("cold_defaults_ms") is not None else "–")
    )
    return text, got


def _queries(r: dict[str, Any]) -> Lines:
    qn = r["queries_national"]
    qx = r.get("queries_x10") or {"queries": {}, "maxrss_mb": None}
    rl = r.get("rdflib") or {"info": {}, "queries": {}}
    lines: Lines = []
    add = lines.append
    for key in ("queries_x10", "rdflib", "x10_load"):
        why = _not_measured(r, (key,))
        if why:
            add(f"**Not measured in this run**: {why}.")
            add("")
    add(
        "On the on-disk store, through `kg.query.run.run_saved` (what `kg query run` does after start-up), each query in its own process (stopped at 20 s national, 10 s at 10x). "
        "*first page, cold*: the first call after opening the store in a new process, for the page a user sees first "
        "(page 1 of a paginated query, else the first 100 rows, as `--limit 100`), with the query's example parameters "
        "(activity-history: an activity of the corpus that follow-ups assess, the first of Linköping's by IRI, as its "
        "example is an activity of a real seed that the generated corpus does not hold: "
        "`benchmarks/cold_queries.py`, `corpus_params`) and, in another new process, with its defaults (no parameters; – when a parameter is required); CPU: the "
        "process's user + system time during the example's call. *rows*: the whole result with the example parameters. "
        "*repeated*: median of 1 to 20 further first pages on the unchanged store, after one that fills the result cache. rdflib: the whole "
        "query with the same bindings on an rdflib `Dataset` (union default graph) of the national "
        f"corpus, loaded in {_f(rl['info'].get('loaded_s'))} s ({rl['info'].get('triples', 0):,} triples, "
        f"peak {_f(rl['info'].get('maxrss_mb'))} MB), one run, stopped at its cap, against kg's whole result (*all*, "
        "run after the first page). A ratio written '> x' is a lower bound set by that cap."
    )
    add("")
    add(
        "| query | rows nat. | first page nat. (example / defaults) | CPU nat. | repeated nat. | rows 10x | first page 10x (example / defaults) | CPU 10x | all nat. | rdflib nat. | rdflib ÷ kg all |"
    )
    add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    ratios: list[float] = []
    colds, reps, colds10 = [], [], []
    firsts = _firsts
    for name in sorted(qn["queries"]):
        a = qn["queries"][name]
        b = qx["queries"].get(name, {})
        c = rl["queries"].get(name, {})
        text_n, got_n = firsts(a)
        text_x, got_x = firsts(b) if b else ("–", [])
        colds += got_n
        colds10 += got_x
        if "median_ms" in a:
            reps.append(a["median_ms"])
        rtxt, rr = "–", "–"
        whole = a.get("full_ms")
        if whole:
            if "ms" in c:
                rtxt = f"{_f(c['ms'])} ms"
                ratio = c["ms"] / max(whole, 1e-3)
                ratios.append(ratio)
                rr = f"{_f(ratio)}x"
            elif "timeout_s" in c:
                rtxt = f"> {c['timeout_s']:g} s"
                ratio = c["timeout_s"] * 1000 / max(whole, 1e-3)
                ratios.append(ratio)
                rr = f"> {_f(ratio)}x"
            else:
                rtxt = c.get("error", "–")[:40]
        add(
            f"| {name} | {a.get('rows', '–')} | {text_n} | {_f(a.get('cold_cpu_ms'))} | {_f(a.get('median_ms'), 2)} "
            f"| {b.get('rows', '–')} | {text_x} | {_f(b.get('cold_cpu_ms'))} | {_f(whole)} | {rtxt} | {rr} |"
        )
    add("")
    add("All times in ms.")
    add("")
    if colds:
        worst_cold = max(colds)
        worst_rep = max(reps) if reps else float("nan")
        worst10 = max(colds10) if colds10 else float("nan")
        min_ratio = min(ratios) if ratios else float("nan")
        add("| target | measured | |")
        add("|---|---:|---|")
        add(
            f"| every query's first page cold ≤ {TARGETS['cold_ms']:g} ms (national, disk; example and defaults) "
            f"| worst {_f(worst_cold)} ms, median {_f(statistics.median(colds))} ms | {_ok(worst_cold <= TARGETS['cold_ms'])} |"
        )
        add(
            f"| every query repeated ≤ {TARGETS['repeated_ms']:g} ms | worst median {_f(worst_rep, 2)} ms "
            f"| {_ok(worst_rep <= TARGETS['repeated_ms'])} |"
        )
        add(
            f"| every query's first page cold ≤ 1 s at 10x | worst {_f(worst10)} ms | {_ok(worst10 <= TARGETS['cold_x10_ms'])} |"
        )
        add(
            f"| ≥ {TARGETS['vs_rdflib']:g}x faster than rdflib (whole result) | smallest ratio {_f(min_ratio)}x, median "
            f"{_f(statistics.median(ratios) if ratios else float('nan'))}x | {_ok(min_ratio >= TARGETS['vs_rdflib'])} |"
        )
        add(
            f"| peak memory ≤ 1 GB (queries, national / 10x) | {_f(qn['maxrss_mb'])} / {_f(qx['maxrss_mb'])} MB "
            f"| {_ok(max(qn['maxrss_mb'] or 0, qx['maxrss_mb'] or 0) <= TARGETS['memory_mb'])} |"
        )
        add("")
    fu = [n for n in sorted(qn["queries"]) if "follow-up" in (r.get("query_tags", {}).get(n) or [])]
    if fu:
        add(
            "Follow-up queries, rows with the example parameters (the whole result; '≥ n' when only its first page "
            "finished within the cap). Target: every follow-up query returns rows at both scales."
        )
        add("")
        add("| query | rows national | rows 10x | |")
        add("|---|---:|---:|---|")
        for n in fu:
            (tn, rn), (tx, rx) = _rows(qn["queries"][n]), _rows(qx["queries"].get(n, {}))
            add(f"| {n} | {tn} | {tx} | {_ok(rn > 0 and rx > 0)} |")
        add("")
    x = r.get("x10_load")
    if x:
        add(
            f"The 10x store was built by `bulk_load` of its N-Quads into a `kg init`ed store: {x['quads']:,} quads "
            f"in {_f(x['wall_s'])} s ({_f(x['quads'] / x['wall_s'])} quads/s, peak {_f(x['maxrss_mb'])} MB)"
            + (
                f", then compacted as `kg import` compacts a store it has at least doubled ({_f(x['optimize_s'])} s)."
                if "optimize_s" in x
                else "."
            )
        )
        add("")
    return lines


def _rows(v: dict[str, Any]) -> tuple[str, int]:
    """A query's rows as shown, and as counted: the whole result's, else at least its first page's."""
    if v.get("rows") is not None:
        return f"{v['rows']:,}", int(v["rows"])
    if v.get("page_rows") is not None:
        return f"≥ {v['page_rows']:,}", int(v["page_rows"])
    return "–", 0


def _serve(s: dict[str, Any]) -> Lines:
    lines: Lines = []
    add = lines.append
    if s:
        add(
            "2 concurrent keep-alive clients (Python threads) for 20 s each on 127.0.0.1, the same SPARQL text "
            "(the saved query with its example bound as VALUES) as a GET to each server's SPARQL endpoint, "
            "JSON results, every server on the national on-disk store, read-only. `kg serve` answers a repeated "
            "request from its response cache; `kg serve --no-cache` evaluates every request."
        )
        add("")
        add("| server | query | requests/s | p50 | p99 | errors | peak memory |")
        add("|---|---|---:|---:|---:|---:|---:|")
        for server, rows in s.items():
            for q, v in rows.items():
                if q == "peak_rss_mb":
                    continue
                add(
                    f"| {server} | {q} | {_f(v['rps'])} | {_f(v['p50_ms'], 2)} ms | {_f(v['p99_ms'], 2)} ms "
                    f"| {v['errors']} | {_f(rows.get('peak_rss_mb'))} MB |"
                )
        add("")
        kgs, oxs = s.get("kg serve", {}), s.get("oxigraph serve-read-only", {})
        add("| target | query | measured | |")
        add("|---|---|---:|---|")
        for q in kgs:
            if q == "peak_rss_mb" or q not in oxs:
                continue
            tr = kgs[q]["rps"] / max(oxs[q]["rps"], 1e-9)
            pr = kgs[q]["p99_ms"] / max(oxs[q]["p99_ms"], 1e-9)
            add(f"| throughput ≥ 0.7x oxigraph | {q} | {_f(tr, 2)}x | {_ok(tr >= TARGETS['serve_rps'])} |")
            add(f"| p99 ≤ 3x oxigraph's | {q} | {_f(pr, 2)}x | {_ok(pr <= TARGETS['serve_p99'])} |")
        nc = s.get("kg serve --no-cache", {})
        for q in nc:  # every request evaluated: for information, beside the targets
            if q == "peak_rss_mb" or q not in oxs:
                continue
            tr = nc[q]["rps"] / max(oxs[q]["rps"], 1e-9)
            pr = nc[q]["p99_ms"] / max(oxs[q]["p99_ms"], 1e-9)
            add(f"| (--no-cache) throughput vs oxigraph | {q} | {_f(tr, 2)}x | for information |")
            add(f"| (--no-cache) p99 vs oxigraph's | {q} | {_f(pr, 2)}x | for information |")
        pk = kgs.get("peak_rss_mb")
        add(f"| peak memory ≤ 1 GB serving | | {_f(pk)} MB | {_ok((pk or 0) <= TARGETS['memory_mb'])} |")
        add("")
    return lines


def headline(r: dict[str, Any]) -> Lines:
    """The README's "Speed (measured)" table: the figures of the issues' targets, each formatted
    as RESULTS.md shows it (tests/unit/test_readme_speed.py checks that every one is there)."""
    rows: Lines = ["| what | measured | target |", "|---|---|---|"]

    def row(what: str, figures: Any, target: str) -> None:
        try:
            rows.append(f"| {what} | {figures()} | {target} |")
        except (KeyError, TypeError, ValueError, ZeroDivisionError):
            rows.append(f"| {what} | not measured | {target} |")

    ki = r.get("kg_import", {})
    row(
        "`kg import` of the national corpus (promises and follow-ups), validated",
        lambda: (
            f"{_f(ki['wall_s'])} s, {_f(ki['imported'] / ki['wall_s'])} documents/s, {_f(ki['maxrss_mb'])} MB peak"
        ),
        "≤ 20 s, ≤ 1 GB",
    )
    row("re-import of the unchanged national corpus", lambda: f"{_f(ki['reimport_s'])} s", "≤ 2 s")
    sc = r.get("shape_change", {})
    row(
        "import after one shape changed",
        lambda: f"{sc['revalidated']:,} of {sc['documents']:,} validated again",
        "every document",
    )
    qn, qx = r.get("queries_national", {}).get("queries", {}), r.get("queries_x10", {}).get("queries", {})
    nat = [x for v in qn.values() for x in _firsts(v)[1]]
    x10 = [x for v in qx.values() for x in _firsts(v)[1]]
    row(
        "every saved query's first page, cold, national (example and defaults)",
        lambda: f"worst {_f(max(nat))} ms, median {_f(statistics.median(nat))} ms",
        "≤ 300 ms",
    )
    row("the same at 10x", lambda: f"worst {_f(max(x10))} ms", "≤ 1 s")
    row(
        "saved queries repeated (result cache)",
        lambda: f"worst median {_f(max(v['median_ms'] for v in qn.values() if 'median_ms' in v), 2)} ms",
        "≤ 5 ms",
    )
    s = r.get("serve", {})
    kgs, oxs = s.get("kg serve", {}), s.get("oxigraph serve-read-only", {})
    ratios = [kgs[q]["rps"] / oxs[q]["rps"] for q in kgs if q != "peak_rss_mb" and q in oxs]
    row(
        "`kg serve` vs `oxigraph serve`, throughput",
        lambda: ", ".join(f"{_f(x, 2)}x" for x in ratios) or 1 / 0,
        "≥ 0.7x",
    )
    st = r.get("startup", {}).get("rows", {})
    row(
        "`kg --version` / `kg --help` / `kg query run promises` / `kg validate` (whole processes, median wall)",
        lambda: " / ".join(
            f"{st[k]['wall_ms']:,.0f} ms"
            for k in ("kg --version", "kg --help", "kg query run promises", "kg validate")
        ),
        "≤ 150 / 150 / 400 / 1,000 ms",
    )
    row("`kg quality`, national", lambda: f"{r['quality']['cli_median_ms']:,.0f} ms", "≤ 2 s")
    pub = r.get("publish", {})
    row(
        "`kg publish` of the national corpus: Oxigraph / Virtuoso (÷ its bulk loader)",
        lambda: " / ".join(
            f"{pub[e]['publish']['seconds']:.1f} s ({pub[e]['publish']['seconds'] / pub[e]['bulk_s']:.1f}x)"
            for e in ("oxigraph", "virtuoso")
        ),
        "–",
    )
    row(
        "saved queries whose rows differ on Oxigraph or Virtuoso",
        lambda: ", ".join(r["engines"]["differing"]) or "none",
        "none",
    )
    peaks = [ki.get("maxrss_mb"), r.get("queries_national", {}).get("maxrss_mb"), kgs.get("peak_rss_mb")]
    row(
        "peak memory importing / querying / serving",
        lambda: " / ".join(f"{_f(x)} MB" for x in peaks),
        "≤ 1 GB",
    )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="RESULTS.md again from benchmarks/out/results.json")
    ap.add_argument("--results-json", type=Path, default=HERE / "out" / "results.json")
    ap.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    ap.add_argument("--headline", action="store_true", help="print the README's speed table instead")
    args = ap.parse_args(argv)
    res = json.loads(args.results_json.read_text(encoding="utf-8"))
    if args.headline:
        print("\n".join(headline(res)))
        return 0
    write_report(res, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
