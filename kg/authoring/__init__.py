"""Authoring: YAML-LD templates that stewards fill in by hand, for promises (:mod:`.templates`) and
follow-ups (:mod:`.followup`)."""
