"""Weighted trees: random, paths (deepest), stars, caterpillars, brooms whose heaviest path is not the longest."""

from __future__ import annotations

import random
from typing import Any

MAX_N = 5000
MAX_WEIGHT = 1000

SAMPLES: list[Any] = [
    {"n": 5, "edges": [[0, 1, 3], [1, 2, 4], [1, 3, 2], [3, 4, 6]]},
    {"n": 1, "edges": []},
    {"n": 6, "edges": [[0, 1, 1], [1, 2, 1], [2, 3, 1], [0, 4, 5], [0, 5, 4]]},
]

BRUTE_MAX_SIZE = 150


def generate(rng: random.Random, size: int) -> dict[str, Any]:
    n = max(1, min(size, MAX_N))
    shape = rng.choice(["random", "path", "star", "caterpillar", "broom", "deep_random"])
    parents: list[int] = []
    for child in range(1, n):
        if shape == "path":
            parents.append(child - 1)
        elif shape == "star":
            parents.append(0)
        elif shape == "caterpillar":
            spine = max(1, n // 3)
            parents.append(child - 1 if child < spine else rng.randrange(spine))
        elif shape == "broom":
            handle = max(1, n // 2)
            parents.append(child - 1 if child < handle else handle - 1)
        elif shape == "deep_random":
            parents.append(rng.randrange(max(0, child - 3), child))
        else:
            parents.append(rng.randrange(child))
    heavy = rng.choice(["uniform", "ones", "skewed"])
    edges = []
    for child, parent in enumerate(parents, start=1):
        if heavy == "ones":
            weight = 1
        elif heavy == "skewed":
            weight = MAX_WEIGHT if rng.random() < 0.05 else rng.randint(1, 3)
        else:
            weight = rng.randint(1, MAX_WEIGHT)
        edges.append([parent, child, weight])
    label = list(range(n))
    rng.shuffle(label)
    edges = [[label[u], label[v], w] for u, v, w in edges]
    rng.shuffle(edges)
    for edge in edges:
        if rng.random() < 0.5:
            edge[0], edge[1] = edge[1], edge[0]
    return {"n": n, "edges": edges}


def validate(data: Any) -> None:
    if not isinstance(data, dict) or set(data) != {"n", "edges"}:
        raise ValueError('data must be an object with exactly the keys "n" and "edges"')
    n, edges = data["n"], data["edges"]
    if type(n) is not int or not 1 <= n <= MAX_N:
        raise ValueError(f"n must be an integer in 1..{MAX_N}")
    if not isinstance(edges, list) or len(edges) != n - 1:
        raise ValueError("a tree on n nodes has exactly n - 1 edges")
    root = list(range(n))

    def find(node: int) -> int:
        while root[node] != node:
            root[node] = root[root[node]]
            node = root[node]
        return node

    for index, edge in enumerate(edges):
        if not isinstance(edge, list) or len(edge) != 3 or any(type(x) is not int for x in edge):
            raise ValueError(f"edges[{index}] must be three integers [u, v, w]")
        u, v, w = edge
        if not (0 <= u < n and 0 <= v < n) or u == v:
            raise ValueError(f"edges[{index}] must join two different nodes in 0..n-1")
        if not 1 <= w <= MAX_WEIGHT:
            raise ValueError(f"edges[{index}] weight must be in 1..{MAX_WEIGHT}")
        ru, rv = find(u), find(v)
        if ru == rv:
            raise ValueError(f"edges[{index}] closes a cycle: the edges must form a tree")
        root[ru] = rv
