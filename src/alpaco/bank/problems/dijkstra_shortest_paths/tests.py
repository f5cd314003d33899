"""Dijkstra: one field, one-way roads, zero lengths, loops, parallel roads, unreachable fields, detours
where many short roads beat a few long ones (so counting roads, BFS-style, fails), and at full size a
graph whose shortest paths are thousands of roads deep (so repeated relaxation, Bellman-Ford-style, is too
slow)."""

from __future__ import annotations

import random
from typing import Any

MAX_N = 2000
MAX_M = 6000
MAX_W = 10**4

SAMPLES: list[Any] = [
    {"n": 5, "edges": [[0, 1, 4], [0, 2, 1], [2, 1, 2], [1, 3, 1], [2, 3, 5]]},
    {"n": 3, "edges": [[1, 0, 5], [0, 2, 0]]},
    {"n": 1, "edges": []},
]

BRUTE_MAX_SIZE = 300


def generate(rng: random.Random, size: int) -> dict[str, Any]:
    n = max(1, min(size, MAX_N))
    if n >= 1000:
        return {"n": n, "edges": _deep(rng, n)}
    shape = rng.choice(["reachable", "reachable", "detour", "sparse", "layers"])
    if shape == "detour":
        edges = _detour(rng, n)
    elif shape == "layers":
        edges = _layers(rng, n)
    elif shape == "sparse":
        edges = [_edge(rng, rng.randrange(n), rng.randrange(n)) for _ in range(rng.randint(0, n))]
    else:
        edges = _tree(rng, n) + [
            _edge(rng, rng.randrange(n), rng.randrange(n)) for _ in range(rng.randint(n, 2 * n))
        ]
    rng.shuffle(edges)
    return {"n": n, "edges": edges[:MAX_M]}


def _tree(rng: random.Random, n: int) -> list[list[int]]:
    """Roads that make every field reachable from the barn, each from an earlier-visited field."""
    order = [0, *rng.sample(range(1, n), n - 1)]
    return [_edge(rng, order[rng.randrange(i)], order[i]) for i in range(1, n)]


def _weight(rng: random.Random, top: int = MAX_W) -> int:
    return 0 if rng.random() < 0.1 else rng.randint(1, top)


def _edge(rng: random.Random, u: int, v: int) -> list[int]:
    return [u, v, _weight(rng)]


def _deep(rng: random.Random, n: int) -> list[list[int]]:
    """A light chain (at most 2 per road, so at most 4000 in all) listed last road first, so each
    relaxation pass over the list advances one road, hidden among roads too heavy to shortcut it."""
    chain = [[i, i + 1, rng.randint(0, 2)] for i in range(n - 1)][::-1]
    heavy = [
        [rng.randrange(n), rng.randrange(n), rng.randint(MAX_W // 2, MAX_W)]
        for _ in range(MAX_M - len(chain))
    ]
    slots = set(rng.sample(range(MAX_M), len(chain)))
    roads, fillers = iter(chain), iter(heavy)
    return [next(roads) if index in slots else next(fillers) for index in range(MAX_M)]


def _detour(rng: random.Random, n: int) -> list[list[int]]:
    edges = [[i, i + 1, _weight(rng, 10)] for i in range(n - 1)]
    for _ in range(min(n, MAX_M - len(edges))):
        u, v = sorted(rng.sample(range(n), 2)) if n > 1 else (0, 0)
        edges.append([u, v, rng.randint(10 * (v - u) - 5, 10 * (v - u) + 5) if v > u else 0])
    return [[u, v, max(0, min(w, MAX_W))] for u, v, w in edges]


def _layers(rng: random.Random, n: int) -> list[list[int]]:
    width = max(1, int(n**0.5))
    edges = []
    for node in range(n):
        for target in range(node + width, min(n, node + 2 * width)):
            if rng.random() < 1.5 / width:
                edges.append(_edge(rng, node, target))
        if rng.random() < 0.3:
            edges.append(_edge(rng, node, rng.randrange(n)))
    return edges


def validate(data: Any) -> None:
    if not isinstance(data, dict) or set(data) != {"n", "edges"}:
        raise ValueError("data must be an object with exactly the keys 'n' and 'edges'")
    n, edges = data["n"], data["edges"]
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_N:
        raise ValueError(f"n must be an integer between 1 and {MAX_N}")
    if not isinstance(edges, list) or len(edges) > MAX_M:
        raise ValueError(f"edges must be a list of at most {MAX_M} roads")
    for index, edge in enumerate(edges):
        if (
            not isinstance(edge, list)
            or len(edge) != 3
            or any(isinstance(x, bool) or not isinstance(x, int) for x in edge)
        ):
            raise ValueError(f"edges[{index}] must be a list of three integers [u, v, w]")
        u, v, w = edge
        if not (0 <= u < n and 0 <= v < n):
            raise ValueError(f"edges[{index}] names a field outside 0..n-1")
        if not 0 <= w <= MAX_W:
            raise ValueError(f"edges[{index}] has a length outside 0..10^4")
