"""Reading YAML-LD as the steward wrote it (kg/documents/yaml_read.py): places, keys and notes."""

from __future__ import annotations

from kg.documents.notes import NAME_READ, NOT_AN_IRI, UNFILLED, UNKNOWN_KEY, UNKNOWN_TERM, UNKNOWN_TYPE
from kg.documents.yaml_read import read_yaml_ld

ID = "https://w3id.org/medborgarlofte/id/promise/0480-2025-2026"

TEXT = """\
"@context": https://w3id.org/medborgarlofte/context.jsonld
id: kg:promise/0480-2025-2026
type: CitizenPromise
issued: 2025-02-30
policeArea: kg:org/lpo-nykoping
activities:
  - id: kg:promise/0480-2025-2026/activity/1
    type: Aktivitet
    responsible: [Polisen, "FYLL I"]
    addresses: priority/1
  - id: kg:promise/0480-2025-2026/activity/2
    frequency: FYLL-I
    activityType: Trafikkontroll
"""


def _notes() -> dict[tuple[str, str | None], tuple[int | None, str | None, str]]:
    read = read_yaml_ld(TEXT, "t.yaml")
    return {(n.rule, n.key_path): (n.line, n.key, n.hint_en) for n in read.notes}


def test_places_of_nodes_and_keys() -> None:
    read = read_yaml_ld(TEXT, "t.yaml", check=False)
    assert read.notes == []
    assert read.nodes[ID].line == 2
    assert read.nodes[ID + "/activity/2"].key_path == "activities[1].id"
    place = read.keys[(ID + "/activity/2", "https://w3id.org/medborgarlofte/def/activityType")]
    assert (place.line, place.key, place.key_path) == (13, "activityType", "activities[1].activityType")
    assert read.data["issued"] == "2025-02-30"  # an unquoted date stays text


def test_every_note_at_its_line_and_key() -> None:
    notes = _notes()
    assert notes[UNKNOWN_KEY, "policeArea"][:2] == (5, "policeArea")
    assert "Did you mean: policeUnit?" in notes[UNKNOWN_KEY, "policeArea"][2]
    assert notes[UNKNOWN_TYPE, "activities[0].type"][0] == 8
    assert "Did you mean: Activity?" in notes[UNKNOWN_TYPE, "activities[0].type"][2]
    assert notes[UNFILLED, "activities[0].responsible[1]"][0] == 9
    assert notes[UNFILLED, "activities[1].frequency"][:2] == (12, "frequency")
    assert notes[NOT_AN_IRI, "activities[0].addresses"][0] == 10
    # the document names no police unit (its key is misspelt): "Polisen" cannot be read
    assert "names no policeUnit" in notes[NOT_AN_IRI, "activities[0].responsible[0]"][2]
    # a list's label in another case is read as its term
    assert notes[NAME_READ, "activities[1].activityType"][2].startswith("trafikkontroll")
    assert not any(rule == UNKNOWN_TERM for rule, _ in notes)


def test_values_left_out_or_rewritten() -> None:
    read = read_yaml_ld(TEXT, "t.yaml")
    first, second = read.data["activities"]
    assert first["responsible"] == [] and "addresses" not in first
    assert "policeArea" not in read.data
    assert second == {"id": "kg:promise/0480-2025-2026/activity/2", "activityType": "trafikkontroll"}
