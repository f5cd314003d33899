"""Algorithm tags, as the problem list filters them, from free words in English or Korean.

A model names concepts as it likes ("Dynamic Programming", "너비 우선 탐색"); a stored problem's
tags use the platform's vocabulary (the bank's), so the list's tag filter finds generated and
curated problems alike. The offline answers match prompts to bank problems with the same words.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

TAG_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "dp": ("dp", "dynamic programming", "memoization", "동적 계획", "동적계획", "다이나믹"),
    "bfs": ("bfs", "breadth-first", "breadth first", "너비 우선", "너비우선"),
    "dfs": ("dfs", "depth-first", "depth first", "flood fill", "깊이 우선", "깊이우선"),
    "graphs": ("graph", "그래프", "network", "네트워크", "maze", "미로", "grid path"),
    "trees": ("tree", "트리"),
    "binary-search": ("binary search", "이분 탐색", "이진 탐색", "이분탐색", "이진탐색"),
    "sorting": ("sort", "정렬"),
    "greedy": ("greedy", "그리디", "탐욕"),
    "two-pointers": (
        "two pointer",
        "two-pointer",
        "투 포인터",
        "투포인터",
        "sliding window",
        "슬라이딩 윈도우",
    ),
    "prefix-sums": (
        "prefix sum",
        "prefix-sum",
        "누적 합",
        "누적합",
        "구간 합",
        "구간합",
        "range sum",
    ),
    "hashing": ("hash", "해시", "dictionary", "딕셔너리"),
    "stack": ("stack", "스택", "bracket", "괄호", "parenthes"),
    "queue": ("queue", "큐", "deque", "덱"),
    "recursion": ("recursion", "recursive", "재귀"),
    "backtracking": ("backtracking", "백트래킹", "subset", "부분집합", "부분 집합"),
    "knapsack": ("knapsack", "배낭"),
    "dijkstra": ("dijkstra", "다익스트라", "shortest path", "최단 경로", "최단경로"),
    "union-find": ("union find", "union-find", "disjoint set", "유니온 파인드", "서로소 집합"),
    "bitmasks": (
        "bitmask",
        "bit mask",
        "비트마스크",
        "비트 마스크",
        "travelling salesman",
        "traveling salesman",
        "외판원",
    ),
    "math": (
        "math",
        "수학",
        "prime",
        "fibonacci",
        "피보나치",
        "geometry",
        "기하",
        "probability",
        "확률",
        "expected value",
        "기댓값",
    ),
    "strings": ("string", "문자열", "palindrome", "팰린드롬", "회문"),
    "implementation": ("implementation", "구현"),
    "simulation": ("simulation", "시뮬레이션"),
}
MAX_TAGS: Final = 4
# Tags close enough that a problem with one may answer a request for the other.
RELATED: Final[dict[str, frozenset[str]]] = {
    "bfs": frozenset({"graphs", "dfs", "queue"}),
    "dfs": frozenset({"graphs", "bfs", "trees", "recursion"}),
    "graphs": frozenset({"bfs", "dfs", "dijkstra", "union-find", "trees"}),
    "trees": frozenset({"dfs", "graphs"}),
    "dijkstra": frozenset({"graphs", "bfs"}),
    "union-find": frozenset({"graphs"}),
    "dp": frozenset({"knapsack", "recursion"}),
    "knapsack": frozenset({"dp"}),
    "recursion": frozenset({"backtracking", "dp"}),
    "backtracking": frozenset({"recursion"}),
    "sorting": frozenset({"greedy", "two-pointers", "binary-search"}),
    "greedy": frozenset({"sorting"}),
    "two-pointers": frozenset({"sorting", "hashing"}),
    "binary-search": frozenset({"sorting"}),
    "hashing": frozenset({"two-pointers"}),
    "prefix-sums": frozenset({"two-pointers", "math"}),
    "stack": frozenset({"queue", "strings"}),
    "queue": frozenset({"stack", "bfs"}),
    "bitmasks": frozenset({"dp"}),
}


def tags_in(texts: Iterable[str]) -> list[str]:
    """The tags whose words occur in any of `texts`, in vocabulary order."""
    text = " ".join(texts).lower()
    return [tag for tag, words in TAG_WORDS.items() if any(word in text for word in words)]


def tags_for(concepts: Iterable[str]) -> list[str]:
    """A generated problem's tags: its concepts in the platform's vocabulary, at most MAX_TAGS."""
    return tags_in(concepts)[:MAX_TAGS]


def tag_words() -> frozenset[str]:
    """Every word that names a tag: prompt words that are about the algorithm, not the story."""
    return frozenset(word for words in TAG_WORDS.values() for word in words)
