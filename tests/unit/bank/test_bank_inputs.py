"""Every bank problem's inputs: the validator accepts all of them, and rejects near-misses."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from alpaco.bank.catalog import PROBLEMS_DIR, load_problem
from alpaco.bank.inputs import build_inputs

FOLDERS = sorted(p.name for p in PROBLEMS_DIR.iterdir() if p.is_dir() and p.name[0] not in "_.")


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("bank_id", FOLDERS)
def test_the_validator_accepts_every_sample_and_generated_input(bank_id: str) -> None:
    bp = load_problem(PROBLEMS_DIR / bank_id)
    for test in build_inputs(bp):
        bp.validate(test.data)


@pytest.mark.parametrize("bank_id", FOLDERS)
def test_the_generated_inputs_are_deterministic(bank_id: str) -> None:
    bp = load_problem(PROBLEMS_DIR / bank_id)
    assert build_inputs(bp) == build_inputs(bp)


@pytest.mark.parametrize("bank_id", FOLDERS)
def test_the_validator_rejects_a_missing_input_with_a_value_error(bank_id: str) -> None:
    bp = load_problem(PROBLEMS_DIR / bank_id)
    with pytest.raises(ValueError, match=r"\w"):
        bp.validate(None)


@pytest.mark.parametrize("bank_id", FOLDERS)
def test_the_statements_show_every_sample_input(bank_id: str) -> None:
    bp = load_problem(PROBLEMS_DIR / bank_id)
    for sample in bp.samples:
        shown = sample if bp.mode == "stdio" else json.dumps(sample, ensure_ascii=False)
        assert _squeezed(shown) in _squeezed(bp.statement_en)
        assert _squeezed(shown) in _squeezed(bp.statement_ko)


NEAR_MISSES: dict[str, list[Any]] = {
    "a_plus_b": [
        {"a": 1},
        {"a": 1, "b": 2, "c": 3},
        {"a": 10**9 + 1, "b": 0},
        {"a": 0, "b": -(10**9) - 1},
        {"a": 1.5, "b": 2},
        {"a": True, "b": 2},
        [1, 2],
    ],
    "array_maximum": [[], [10**9 + 1], [1, "2"], [1, 2.0], [0] * (10**4 + 1), {"nums": [1]}],
    "fibonacci_dp": [-1, 10**5 + 1, 3.0, "10", True],
    "string_reverse": ["tab\there", "line\n", "한글", "x" * (2 * 10**4 + 1), 42],
    "binary_search": [
        {"nums": [], "target": 1},
        {"nums": [1, 1], "target": 1},
        {"nums": [2, 1], "target": 1},
        {"nums": [1, 2], "target": 10**9 + 1},
        {"nums": [1, 2]},
        {"nums": list(range(10**4 + 1)), "target": 0},
    ],
    "dijkstra_shortest_paths": [
        {"n": 0, "edges": []},
        {"n": 2001, "edges": []},
        {"n": 2, "edges": [[0, 2, 1]]},
        {"n": 2, "edges": [[0, 1, -1]]},
        {"n": 2, "edges": [[0, 1, 10**4 + 1]]},
        {"n": 2, "edges": [[0, 1]]},
        {"n": 2, "edges": [[0, 1, 1]] * 6001},
    ],
    "pair_sum_count": [
        {"nums": [], "k": 0},
        {"nums": [10**6 + 1], "k": 0},
        {"nums": [1], "k": 2 * 10**6 + 1},
        {"nums": [1], "k": "0"},
        {"nums": [0] * (10**4 + 1), "k": 0},
    ],
    "range_sum_queries": [
        "1 1\n5\n1 1",
        "1 1\n5\n1 2\n",
        "2 1\n5\n1 1\n",
        "1 2\n5\n1 1\n",
        "1 1\n10001\n1 1\n",
        "1 1\n05\n1 1\n",
        "1 1\n5 \n1 1\n",
        "0 1\n\n1 1\n",
        "1 1\n5\n2 1\n",
    ],
    "balanced_brackets": [
        "1\n()",
        "2\n()\n",
        "1\n\n",
        "1\n(a)\n",
        "0\n",
        "01\n()\n",
        "1\n" + "(" * (5 * 10**4 + 1) + "\n",
    ],
    "pairs_with_sum": [
        {"nums": [], "k": 0},
        {"nums": [-(10**6) - 1], "k": 0},
        {"nums": [1], "k": -2 * 10**6 - 1},
        {"nums": [1, None], "k": 0},
    ],
    "meeting_rooms": [
        [],
        [[5, 5]],
        [[6, 5]],
        [[-1, 5]],
        [[0, 10**6 + 1]],
        [[0, 1, 2]],
        [[0, 1]] * (10**4 + 1),
    ],
    "average_rating": [
        {"ratings": [], "k": 1},
        {"ratings": [50], "k": 0},
        {"ratings": [50], "k": 2},
        {"ratings": [101], "k": 1},
        {"ratings": [-1], "k": 1},
        {"ratings": [50.5], "k": 1},
        {"ratings": [0] * (2 * 10**4 + 1), "k": 1},
    ],
}


@pytest.mark.parametrize("bank_id", sorted(NEAR_MISSES))
def test_the_validator_rejects_near_misses(bank_id: str) -> None:
    bp = load_problem(PROBLEMS_DIR / bank_id)
    for data in NEAR_MISSES[bank_id]:
        with pytest.raises(ValueError, match=r"\w"):
            bp.validate(data)
