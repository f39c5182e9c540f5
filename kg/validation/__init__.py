"""Stage 2, validation: what the validator derives once from the bundled ontology and shapes
(:mod:`.context`), the SHACL validator (:mod:`.validator`) and the steward's report (:mod:`.report`)."""
