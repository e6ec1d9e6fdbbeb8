"""Argument structure between claims and people: disagreement, agreement, citation.

Filled in by the argument-structure stage (issue #4); until then it adds nothing.
"""

from __future__ import annotations


def extract_relations(out, parsed, rules) -> None:  # pragma: no cover - replaced by the argument stage
    return None
