"""What a list query names, and what its index copies: the two sides of the check that every list
reads only attributes its index projects (DynamoDB refuses a query that names one it does not)."""

from __future__ import annotations

import re

from alpaco.kernel.dynamo import Query
from alpaco.kernel.tables import TableSpec, create_table_request

# A top-level attribute name or #placeholder: not a :value, a nested path's tail or a function.
_NAME = re.compile(r"(?<![\w.#:])#?[A-Za-z_]\w*\b(?!\s*\()")
_WORDS = {"and", "or", "not", "in", "between"}


def named(query: Query) -> set[str]:
    """Every attribute the query reads or matches on, placeholders resolved."""
    names = query.names or {}
    text = f"{query.key_condition} {query.filter or ''}"
    tokens = [t for t in _NAME.findall(text) if t.lower() not in _WORDS]
    return {*query.projection, *(names.get(t, t) for t in tokens)}


def projected(spec: TableSpec, index: str) -> set[str]:
    """What the declared index copies: the keys, and its NonKeyAttributes."""
    (declared,) = [
        g for g in create_table_request(spec)["GlobalSecondaryIndexes"] if g["IndexName"] == index
    ]
    return {*spec.key_names(index), *declared["Projection"]["NonKeyAttributes"]}
