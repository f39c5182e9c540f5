"""The words of the web interface, Swedish first, English beside it (``?lang=en`` or Accept-Language)."""

from __future__ import annotations

from starlette.requests import Request

LANGS = ("sv", "en")

WORDS: dict[str, tuple[str, str]] = {
    "site": ("Medborgarlöften", "Citizen promises"),
    "tagline": (
        "Polisens och kommunernas medborgarlöften som öppna länkade data",
        "Citizen promises of the Swedish police and municipalities as open linked data",
    ),
    "home": ("Hem", "Home"),
    "queries": ("Sparade frågor", "Saved queries"),
    "sparql": ("SPARQL", "SPARQL"),
    "api": ("API", "API"),
    "search": ("Sök", "Search"),
    "search_municipality": ("Sök kommun", "Search for a municipality"),
    "municipalities": ("Kommuner", "Municipalities"),
    "municipality": ("Kommun", "Municipality"),
    "promises": ("Medborgarlöften", "Citizen promises"),
    "promise": ("Medborgarlöfte", "Citizen promise"),
    "promises_over_time": ("Löften över tid", "Promises over time"),
    "activities": ("Aktiviteter", "Activities"),
    "activity": ("Aktivitet", "Activity"),
    "priorities": ("Prioriteringar", "Priorities"),
    "priority_area": ("Prioriterat område", "Priority area"),
    "priority_areas": ("Prioriterade områden", "Priority areas"),
    "activity_type": ("Aktivitetstyp", "Activity type"),
    "responsible": ("Ansvariga", "Responsible"),
    "partners": ("Samverkanspartner", "Partners"),
    "frequency": ("Frekvens", "Frequency"),
    "quantity": ("Antal", "Quantity"),
    "place": ("Plats", "Place"),
    "area_within": ("Område", "Area"),
    "areas_within": ("Områden inom kommunen", "Areas within the municipality"),
    "areas_within_help": (
        "Delar av kommunen som löftena eller deras aktiviteter gäller.",
        "Parts of the municipality that the promises or their activities concern.",
    ),
    "target_group": ("Målgrupp", "Target group"),
    "aim": ("Syfte", "Aim"),
    "revision_clause": ("Revidering", "Revision clause"),
    "period": ("Period", "Period"),
    "issued": ("Utfärdat", "Issued"),
    "police_unit": ("Lokalpolisområde", "Local police area"),
    "situation": ("Lägesbild", "Situation picture"),
    "problems": ("Identifierade problem", "Identified problems"),
    "outcomes": ("Förväntade resultat", "Expected outcomes"),
    "indicator": ("Indikator", "Indicator"),
    "followup_plan": ("Uppföljning", "Follow-up plan"),
    "followups": ("Uppföljningar", "Follow-ups"),
    "quality": ("Datakvalitet", "Data quality"),
    "quality_lead": (
        "Läget i datan per kommun: vilka år löftena täcker och vilka som saknas, fynd och antaganden "
        "att granska, uppföljningar mot löftets egen plan och hur fullständiga aktiviteterna är. "
        "Påhittade exempel räknas inte.",
        "The state of the data per municipality: the years the promises cover and those missing, "
        "findings and assumptions to review, follow-ups against the promise's own plan and how "
        "complete the activities are. Made-up examples are not counted.",
    ),
    "quality_with_examples": ("Påhittade exempel räknas med.", "Made-up examples are counted."),
    "quality_count_examples": ("Räkna med påhittade exempel", "Count made-up examples"),
    "quality_leave_examples": ("Räkna inte påhittade exempel", "Leave made-up examples out"),
    "quality_coverage": ("Täckning per år", "Coverage by year"),
    "quality_coverage_by_year": (
        "Kommuner med ett gällande löfte, per år",
        "Municipalities with a promise in force, per year",
    ),
    "quality_findings_over_time": (
        "Fynd och antaganden över tid (efter varje import)",
        "Findings and assumptions over time (after each import)",
    ),
    "quality_missing": ("saknas", "missing"),
    "quality_timeline": ("Tidslinje", "Timeline"),
    "quality_covered": ("Täckta år", "Years covered"),
    "quality_gaps": ("Saknade år", "Missing years"),
    "quality_current": ("Gällande löfte", "Promise in force"),
    "quality_findings": ("Fynd att granska", "Findings to review"),
    "quality_violations": ("Fel", "Violations"),
    "quality_warnings": ("Varningar", "Warnings"),
    "quality_infos": ("Upplysningar", "Infos"),
    "quality_assumptions": ("Antaganden att granska", "Assumptions to review"),
    "quality_followups": ("Uppföljningar", "Follow-ups"),
    "quality_followups_help": (
        "Inlämnade uppföljningar mot dem som löftets uppföljningsplan aviserar: förfallna hittills och "
        "under hela perioden.",
        "Follow-ups in the store against those the promise's follow-up plan announces: due so far and "
        "over the whole period.",
    ),
    "quality_recorded": ("inlämnade", "recorded"),
    "quality_due": ("förfallna", "due"),
    "quality_expected": ("under perioden", "over the period"),
    "quality_no_plan": (
        "Löften utan frekvens i uppföljningsplanen",
        "Promises whose follow-up plan gives no frequency",
    ),
    "quality_activities": ("Aktiviteternas fullständighet", "Completeness of the activities"),
    "quality_with_actor": ("med ansvarig", "with a responsible actor"),
    "quality_with_frequency": ("med frekvens", "with a frequency"),
    "quality_with_type": ("med typ", "with a type"),
    "quality_history": ("Importer", "Imports"),
    "quality_history_help": (
        "Varje revision av ett dokument, nyast först, med ändringen sedan dokumentets föregående revision.",
        "Every revision of a document, newest first, with the change since the document's previous revision.",
    ),
    "quality_no_history": (
        "Ingen historik: dokumenten importerades innan kg sparade antal per revision.",
        "No history: the documents were imported before kg kept counts per revision.",
    ),
    "quality_municipalities_with_promise": ("kommuner har löften", "municipalities have promises"),
    "quality_municipalities_current": ("har ett gällande löfte", "have a promise in force"),
    "quality_as_of": ("Räknat per", "Counted as of"),
    "quality_download": ("Ladda ner", "Download"),
    "quality_document": ("Dokument", "Document"),
    "quality_revision": ("Revision", "Revision"),
    "quality_when": ("När", "When"),
    "quality_period": ("Period", "Period"),
    "quality_none": ("Inga löften i grafen.", "No promises in the graph."),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "example": ("exempel", "example"),
    "example_badge": (
        "Exempel: påhittat för att visa hur data ser ut; räknas inte i svar och nationella siffror.",
        "Example: made up to show what the data looks like; counted in no answer or national figure.",
    ),
    "assumptions": ("Antaganden", "Assumptions"),
    "assumptions_intro": (
        "Värden som källtexten inte anger: ett standardvärde, en slutsats eller förvaltarens uppgift.",
        "Values the source text does not state: a default, an inference or the steward's value.",
    ),
    "assumed": ("antaget", "assumed"),
    "assumed_about": ("Gäller", "About"),
    "assumption_kind": ("Slag", "Kind"),
    "reason": ("Skäl", "Reason"),
    "property": ("Egenskap", "Property"),
    "unknown_value": ("okänt", "unknown"),
    "status": ("Status", "Status"),
    "status_over_time": (
        "Aktiviteternas status i uppföljningarna",
        "Each activity's status in the follow-ups",
    ),
    "not_assessed": ("ej bedömd", "not assessed"),
    "occasions": ("tillfällen", "occasions"),
    "evidence": ("underlag", "evidence"),
    "fulfilment": ("Hur löftena hålls", "How the promises are kept"),
    "fulfilment_help": (
        "Andel av aktiviteterna i uppföljda löften som var genomförda vid löftets senaste uppföljning.",
        "Share of the activities of followed-up promises that were done at the promise's latest follow-up.",
    ),
    "followed_up_promises": ("uppföljda löften", "followed-up promises"),
    "completed_activities": ("genomförda aktiviteter av", "activities done of"),
    "fulfilment_by_area": (
        "Andel genomförda aktiviteter per prioriterat område (%)",
        "Share of activities done by priority area (%)",
    ),
    "signatures": ("Underskrifter", "Signatures"),
    "source": ("Källa", "Source"),
    "source_passage": ("Källtext", "Source passage"),
    "provenance": ("Proveniens", "Provenance"),
    "licence": ("Licens", "Licence"),
    "graph": ("Namngiven graf", "Named graph"),
    "record": ("Katalogpost", "Catalogue record"),
    "imported": ("Importerad", "Imported"),
    "sha256": ("SHA-256", "SHA-256"),
    "properties": ("Egenskaper", "Properties"),
    "links_here": ("Länkar hit", "Links here"),
    "formats": ("Andra format", "Other formats"),
    "count": ("Antal", "Count"),
    "none": ("Inga", "None"),
    "run": ("Kör", "Run"),
    "results": ("Resultat", "Results"),
    "rows": ("rader", "rows"),
    "filter_rows": ("Filtrera raderna", "Filter the rows"),
    "sort_by": ("Sortera efter", "Sort by"),
    "choose": ("välj", "choose"),
    "yasgui_credit": (
        "Redigeraren är YASGUI (@zazuko/yasgui, MIT), serverad härifrån:",
        "The editor is YASGUI (@zazuko/yasgui, MIT), served from here:",
    ),
    "yasgui_missing": (
        "YASGUI är inte installerad här (make assets kräver npm), så redigeraren är en enkel textruta.",
        "YASGUI is not installed here (make assets needs npm), so the editor is a plain text box.",
    ),
    "truncated": ("Resultatet är avkortat vid", "The result is cut at"),
    "chart": ("Diagram", "Chart"),
    "parameters": ("Parametrar", "Parameters"),
    "required": ("obligatorisk", "required"),
    "optional": ("valfri", "optional"),
    "download": ("Ladda ner", "Download"),
    "dumps": ("Hela grafen", "The whole graph"),
    "void": ("VoID-beskrivning", "VoID description"),
    "in_graph": ("Innehåll", "In the graph"),
    "triples": ("tripler", "triples"),
    "first_links": (
        "De första %d länkarna hit visas: fler finns, fråga med SPARQL",
        "The first %d links here are shown: there are more, ask with SPARQL",
    ),
    "more_values": (
        "… och %d till: se RDF-formaten nedan eller fråga med SPARQL",
        "… and %d more: see the RDF formats below or ask with SPARQL",
    ),
    "documents": ("dokument", "documents"),
    "no_match": ("Inga träffar.", "No matches."),
    "which_municipalities": (
        "Kommuner med detta i sina löften",
        "Municipalities with this in their promises",
    ),
    "priority_areas_by_municipality": (
        "Prioriterade områden: antal kommuner",
        "Priority areas: number of municipalities",
    ),
    "editor_help": (
        "Skriv en SPARQL-fråga. Slutpunkten är skrivskyddad.",
        "Write a SPARQL query. The endpoint is read-only.",
    ),
    "api_docs": ("API-dokumentation", "API documentation"),
    "language": ("In English", "På svenska"),
    "type": ("Typ", "Type"),
    "value": ("Värde", "Value"),
    "validate": ("Validera", "Validate"),
    "validate_title": ("Validera ett dokument", "Validate a document"),
    "validate_help": (
        "Kontrollera ett medborgarlöfte eller en uppföljning mot reglerna (SHACL) innan det importeras: "
        "samma kontroll och samma rapport som kommandot kg validate. Ladda upp en fil eller klistra in "
        "dokumentet; inget sparas i grafen.",
        "Check a citizen promise or a follow-up against the rules (SHACL) before it is imported: the "
        "same check and the same report as the command kg validate. Upload a file or paste the "
        "document; nothing is stored in the graph.",
    ),
    "validate_formats": (
        "Format: Turtle, YAML-LD, JSON-LD, TriG, N-Triples, N-Quads, RDF/XML. En publicerad text "
        "(text, Markdown, HTML, PDF) tolkas först, som av kg extract, och utkastet valideras.",
        "Formats: Turtle, YAML-LD, JSON-LD, TriG, N-Triples, N-Quads, RDF/XML. A published text "
        "(text, Markdown, HTML, PDF) is extracted first, as by kg extract, and the draft validated.",
    ),
    "validate_another": ("Validera ett annat dokument", "Validate another document"),
    "validate_api": ("Samma validering som tjänst", "The same validation as a service"),
    "validate_api_help": (
        "Validerar ett dokument som kg validate och svarar med rapporten: JSON, SHACL (Turtle), "
        "HTML eller text efter Accept eller _format. Dokumentet är kroppen (formatet efter "
        "Content-Type, format= eller filename=) eller fältet file i ett formulär.",
        "Validates a document as kg validate does and answers the report: JSON, SHACL (Turtle), "
        "HTML or text by Accept or _format. The document is the body (its format by Content-Type, "
        "format= or filename=) or the field file of a form.",
    ),
    "upload_file": ("Fil", "File"),
    "paste_text": ("eller klistra in dokumentet", "or paste the document"),
    "input_format": ("Format", "Format"),
    "format_auto": ("automatiskt (filändelse eller innehåll)", "automatic (file extension or content)"),
    "for_texts": ("För en publicerad text", "For a published text"),
    "municipality_hint": ("för en text som inte namnger kommunen", "for a text that names no municipality"),
    "max_size": ("Högst", "At most"),
    "report": ("Valideringsrapport", "Validation report"),
    "download_report": ("Ladda ner rapporten", "Download the report"),
    "text_report": ("text", "text"),
    "no_findings": (
        "Inga fynd: dokumentet uppfyller alla regler.",
        "No findings: the document meets every rule.",
    ),
    "summary_per_rule": ("Sammanfattning (antal per regel)", "Summary (count per rule)"),
    "findings": ("Fynd", "Findings"),
    "severity": ("Allvarlighet", "Severity"),
    "rule": ("Regel", "Rule"),
    "message": ("Meddelande", "Message"),
    "node": ("Nod", "Node"),
    "line": ("rad", "line"),
    "ontology": ("Ontologin", "The ontology"),
    "classes": ("Klasser", "Classes"),
    "object_properties": ("Objektegenskaper", "Object properties"),
    "datatype_properties": ("Dataegenskaper", "Datatype properties"),
    "annotation_properties": ("Annoteringsegenskaper", "Annotation properties"),
    "term": ("Term", "Term"),
    "definition": ("Definition", "Definition"),
    "broader_term": ("Överordnad", "Broader"),
    "domain_range": ("Domän → värdemängd", "Domain → range"),
    "version": ("Version", "Version"),
    "namespace": ("Namnrymd", "Namespace"),
    "vocabularies": ("Begreppslistor", "Vocabularies"),
    "concepts": ("Begrepp", "Concepts"),
    "shapes": ("Valideringsregler", "Validation shapes"),
    "shapes_help": (
        "Reglerna (SHACL) som kg validate och kg import prövar varje dokument mot. En rapport namnger "
        "regeln som slog till med dess IRI, som leder hit.",
        "The rules (SHACL) that kg validate and kg import check every document against. A report names "
        "the rule that fired by its IRI, which leads here.",
    ),
    "shape_path": ("Egenskap", "Property"),
    "shape_target": ("Gäller", "Applies to"),
    "code": ("Kod", "Code"),
    "yaml_key": ("Nyckel", "Key"),
}


def lang_of(request: Request, default: str = "sv") -> str:
    q = request.query_params.get("lang")
    if q in LANGS:
        return q
    header = request.headers.get("accept-language", "")
    best: tuple[float, str] | None = None
    for part in header.split(","):
        items = part.strip().split(";")
        tag = items[0].strip().lower().split("-")[0]
        qv = 1.0
        for p in items[1:]:
            k, _, v = p.strip().partition("=")
            if k == "q":
                try:
                    qv = float(v)
                except ValueError:
                    qv = 0.0
        if tag in LANGS and (best is None or qv > best[0]):
            best = (qv, tag)
    return best[1] if best else default


def translator(lang: str):  # type: ignore[no-untyped-def]
    index = 1 if lang == "en" else 0

    def t(key: str) -> str:
        words = WORDS.get(key)
        return words[index] if words else key

    return t
