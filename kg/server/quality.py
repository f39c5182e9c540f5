"""The data-quality pages of ``kg serve``: ``/_/quality`` (the country) and ``/_/quality/<code>``
(a municipality, by SCB code or name through :mod:`kg.names`), from :mod:`kg.quality`.

``?examples=1`` counts made-up examples too; ``?as_of=YYYY-MM-DD`` counts follow-ups due at that
date; ``?format=json`` (or ``Accept: application/json``) gives the scorecard as JSON, and
``?format=csv`` the country's table. The charts are inline SVG made by :mod:`kg.quality.svg`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kg.errors import InputError
from kg.iris import Minter
from kg.quality.collect import load_scorecard
from kg.quality.model import Scorecard, span
from kg.quality.render import change_rows, to_csv
from kg.quality.svg import Words, coverage_by_year, coverage_timeline, findings_over_time, year_strip
from kg.server.context import ServerContext, context
from kg.server.i18n import lang_of, translator
from kg.server.pages import render

_LABELS = {
    "sv": {
        "warnings": "varningar",
        "infos": "upplysningar",
        "assumptions": "antaganden",
        "violations": "fel",
    },
    "en": {
        "warnings": "warnings",
        "infos": "infos",
        "assumptions": "assumptions",
        "violations": "violations",
    },
}


def _options(request: Request) -> tuple[bool, date | None, str]:
    q = request.query_params
    examples = q.get("examples", "") in ("1", "true", "yes")
    as_of = None
    if q.get("as_of"):
        try:
            as_of = date.fromisoformat(q["as_of"])
        except ValueError:
            raise InputError(
                f"ogiltigt datum / invalid date: {q['as_of']!r}",
                where="as_of",
                hint="YYYY-MM-DD, e.g. 2025-06-30.",
            ) from None
    fmt = q.get("format", "")
    if (
        not fmt
        and "application/json" in request.headers.get("accept", "")
        and "text/html" not in request.headers.get("accept", "")
    ):
        fmt = "json"
    return examples, as_of, fmt


async def _card(
    ctx: ServerContext, municipality: str | None, examples: bool, as_of: date | None
) -> Scorecard:
    minter = Minter(ctx.settings.data_base)

    def build() -> Scorecard:
        return load_scorecard(
            ctx.store, minter, municipality=municipality, include_examples=examples, as_of=as_of
        )

    card: Scorecard = await ctx.engine.call(build)
    return card


def _query(examples: bool, as_of: date | None, lang: str) -> str:
    parts = [
        p
        for p in (
            "examples=1" if examples else "",
            f"as_of={as_of}" if as_of else "",
            "lang=en" if lang == "en" else "",
        )
        if p
    ]
    return ("?" + "&".join(parts)) if parts else ""


async def country(request: Request) -> Response:
    ctx = context(request)
    examples, as_of, fmt = _options(request)
    card = await _card(ctx, None, examples, as_of)
    if fmt == "json":
        return JSONResponse(card.as_dict())
    if fmt == "csv":
        return Response(to_csv(card), media_type="text/csv; charset=utf-8")
    lang = lang_of(request, ctx.settings.default_lang)
    t = translator(lang)
    summary: dict[str, Any] = card.as_dict()
    charts = {
        "coverage": Markup(
            coverage_by_year(
                card.coverage_by_year(), len(card.municipalities), Words(t("quality_coverage_by_year"))
            )
        ),
        "findings": Markup(
            findings_over_time(card.history, Words(t("quality_findings_over_time")), _LABELS[lang])
        ),
    }
    by_year = card.coverage_by_year()
    first, last = (min(by_year), max(by_year)) if by_year else (0, -1)
    missing = t("quality_missing")
    strips = [Markup(year_strip(m, first, last, missing)) if m.promises else "" for m in card.municipalities]
    return render(
        request,
        "quality.html",
        strips=strips,
        years=(first, last) if by_year else None,
        card=card,
        summary={k: v for k, v in summary.items() if k not in ("municipalities", "history")},
        charts=charts,
        span=span,
        query=_query(examples, as_of, lang),
        examples=examples,
    )


async def municipality(request: Request) -> Response:
    ctx = context(request)
    examples, as_of, fmt = _options(request)
    card = await _card(ctx, request.path_params["code"], examples, as_of)
    m = card.municipalities[0]
    if fmt == "json":
        return JSONResponse(m.as_dict())
    lang = lang_of(request, ctx.settings.default_lang)
    t = translator(lang)
    charts = {
        "timeline": Markup(coverage_timeline(m, Words(t("quality_coverage"), t("quality_missing")))),
        "findings": Markup(
            findings_over_time(m.history, Words(t("quality_findings_over_time")), _LABELS[lang])
        ),
    }
    return render(
        request,
        "quality_municipality.html",
        m=m,
        card=card,
        charts=charts,
        span=span,
        changes=change_rows(m),
        links={p.iri: ctx.link(p.iri) for p in m.promises},
        query=_query(examples, as_of, lang),
        examples=examples,
    )


routes = [
    Route("/_/quality", country, name="quality"),
    Route("/_/quality/{code}", municipality, name="quality-municipality"),
]
