"""A shape's evaluation as kg's runs ask for it (pySHACL 0.40's
:meth:`pyshacl.shape.Shape.validate`, for :class:`kg.validation.shacl_graph.ScannedShape`).

pySHACL's ``Shape.validate`` formats its debug messages (the shape's name, the number of focus
nodes, ...) whether or not they are logged, and finds the shape's constraint components again on
every evaluation (about 130 a run, and again for every value a nested shape is asked about).
:func:`evaluated` takes the same steps for the runs kg makes (focus nodes given, no debugging, no
``focus_nodes`` filter, no allowed infos or warnings, no SHACL-AF, JavaScript or custom
constraint components, within the depth limit) without the messages, with the components listed
once per shape (:func:`components`): the same constraints, evaluated in the same order on the
same value nodes, giving the same results. Anything else, and the reference path
(:func:`kg.validation.sparql_batch.per_focus_node`), is pySHACL's own."""

from __future__ import annotations

from typing import Any

import pyshacl.shape
from pyshacl.errors import ConstraintLoadError, ConstraintLoadWarning
from rdflib import IdentifiedNode, Literal

from kg.validation.sparql_batch import per_focus_node_now


def components(shape: Any) -> list[Any]:
    """The constraint components of ``shape``'s parameters, in the order pySHACL finds them,
    listed once per shape of a :class:`kg.validation.shacl_graph.FrozenShapesGraph` (whose
    shapes never change once parsed)."""
    listed: dict[int, list[Any]] = shape.sg._components
    found = listed.get(id(shape))
    if found is None:
        parameters, table = pyshacl.shape.CONSTRAINT_PARAMS  # type: ignore[attr-defined]
        found = listed[id(shape)] = [
            table[p] for p, _ in shape.sg.predicate_objects(shape.node) if p in parameters
        ]
    return found


def evaluated(
    shape: Any, executor: Any, target_graph: Any, focus: Any, evaluation_path: list[Any] | None
) -> tuple[bool, list[Any]] | None:
    """``shape.validate(executor, target_graph, focus, evaluation_path)`` as pySHACL gives it;
    None when the evaluation is not one of kg's (the module docstring says which)."""
    sg = shape.sg
    if (
        focus is None
        or executor.debug
        or executor.sparql_mode
        or executor.focus_nodes
        or executor.allow_infos
        or executor.allow_warnings
        or shape._advanced
        or sg.js_enabled
        or sg.custom_constraints
        or per_focus_node_now()
        or (evaluation_path is not None and len(evaluation_path) // 2 >= executor.max_validation_depth)
    ):
        return None
    if shape._deactivated:
        return True, []
    focus_list = [focus] if isinstance(focus, (IdentifiedNode, Literal)) else list(focus)
    if not focus_list:
        return True, []
    if evaluation_path is None:
        evaluation_path = []
    focus_value_nodes = shape.value_nodes(target_graph, focus_list)
    reports: list[Any] = []
    non_conformant = False
    done: set[Any] = set()
    evaluation_path.append(shape)  # (pySHACL appends to the path it is given, too)
    for component in components(shape):
        if component in done:
            continue
        try:
            c = component(shape)
        except ConstraintLoadWarning as w:
            shape.logger.warning(repr(w))
            continue
        except ConstraintLoadError as e:
            shape.logger.error(repr(e))
            raise e
        path = [*evaluation_path, c]
        is_conform, found = c.evaluate(executor, target_graph, focus_value_nodes, path)
        non_conformant = non_conformant or (not is_conform)
        reports.extend(found)
        done.add(component)
        if non_conformant and executor.abort_on_first:
            break
    return (not non_conformant), reports
