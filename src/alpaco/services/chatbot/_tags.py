"""One sentence per algorithm tag and language: the concept the offline tutor names at level 1
and the leak guard's stand-in falls back on. Tags are the bank's and the generator's words."""

from __future__ import annotations

from typing import Final

from alpaco.services.chatbot.message import Language

CONCEPTS: Final[dict[str, dict[Language, str]]] = {
    "two-pointers": {
        "en": "Two pointers walk a sorted sequence from both ends (or both from the left), and "
        "each step moves one of them, so the whole walk takes linear time.",
        "ko": "투 포인터는 정렬된 수열을 양 끝(또는 둘 다 왼쪽)에서 훑으며 한 번에 하나씩 움직여서, "
        "전체를 선형 시간에 살펴봅니다.",
    },
    "sorting": {
        "en": "Sorting first often turns a search over all pairs into a single pass, because "
        "order tells you which candidates can be skipped.",
        "ko": "먼저 정렬하면 모든 쌍을 보는 탐색이 한 번의 훑기로 바뀌는 경우가 많습니다. 순서를 알면 "
        "건너뛸 후보가 보이기 때문입니다.",
    },
    "bfs": {
        "en": "Breadth-first search explores in layers with a queue; when every step costs the "
        "same, the first visit to a node is along a shortest path.",
        "ko": "너비 우선 탐색(BFS)은 큐로 한 층씩 넓혀 가며, 모든 이동 비용이 같다면 처음 도달한 "
        "순간이 최단 거리입니다.",
    },
    "dfs": {
        "en": "Depth-first search follows one path as deep as it goes before backing up; it "
        "marks what it has visited so it never loops.",
        "ko": "깊이 우선 탐색(DFS)은 한 길을 끝까지 따라간 뒤 되돌아오며, 방문한 곳을 표시해 같은 곳을 "
        "다시 돌지 않습니다.",
    },
    "graphs": {
        "en": "Model the input as a graph: what are the nodes, and which pairs of nodes does an "
        "edge join?",
        "ko": "입력을 그래프로 생각해 보세요. 무엇이 정점이고, 어떤 두 정점을 간선이 잇나요?",
    },
    "dijkstra": {
        "en": "Dijkstra's algorithm settles nodes in order of distance with a priority queue; it "
        "needs edge weights that are never negative.",
        "ko": "다익스트라 알고리즘은 우선순위 큐로 가까운 정점부터 거리를 확정하며, 간선 가중치가 "
        "음수가 아니어야 합니다.",
    },
    "dp": {
        "en": "Dynamic programming answers a problem from the answers of smaller versions of it, "
        "each computed once and stored.",
        "ko": "동적 계획법은 더 작은 부분 문제의 답으로 큰 문제의 답을 만들고, 각 부분 문제는 한 번만 "
        "계산해 저장합니다.",
    },
    "knapsack": {
        "en": "Knapsack problems decide item by item whether to take it, tracking the best value "
        "for each capacity used so far.",
        "ko": "배낭 문제는 물건마다 넣을지 말지를 정하며, 지금까지 쓴 용량별 최선의 값을 기록합니다.",
    },
    "bitmasks": {
        "en": "A bitmask stores a set of up to about 20 items in one integer, so a state such as "
        "'which cities are visited' can index a table.",
        "ko": "비트마스크는 스무 개 남짓한 원소의 집합을 정수 하나에 담아, '어느 도시를 방문했는가' 같은 "
        "상태를 표의 인덱스로 쓸 수 있게 합니다.",
    },
    "math": {
        "en": "Look for a formula or a property of the numbers that replaces step-by-step "
        "simulation.",
        "ko": "하나하나 흉내 내는 대신 쓸 수 있는 공식이나 수의 성질을 찾아보세요.",
    },
    "strings": {
        "en": "Strings are sequences of characters: indexes, slices and counts of characters are "
        "the usual tools.",
        "ko": "문자열은 문자의 나열입니다. 인덱스, 슬라이스, 문자 개수 세기가 기본 도구입니다.",
    },
    "hashing": {
        "en": "A hash map (dict) or set answers 'have I seen this before?' in constant time.",
        "ko": "해시 맵(dict)이나 집합(set)은 '전에 본 적이 있나?'를 상수 시간에 답해 줍니다.",
    },
    "implementation": {
        "en": "The task is mostly careful simulation: follow the statement step by step and mind "
        "the edge cases.",
        "ko": "문제에 적힌 과정을 차근차근 그대로 구현하는 것이 핵심입니다. 경계 상황에 주의하세요.",
    },
    "prefix-sums": {
        "en": "Prefix sums store the total of every prefix once, so the sum of any range is one "
        "subtraction.",
        "ko": "누적 합은 모든 접두사의 합을 한 번 저장해 두어, 어떤 구간의 합이든 뺄셈 한 번으로 "
        "구합니다.",
    },
    "queue": {
        "en": "A queue (collections.deque) serves items first in, first out, with cheap work at "
        "both ends.",
        "ko": "큐(collections.deque)는 먼저 들어온 것을 먼저 꺼내며, 양 끝 작업이 빠릅니다.",
    },
    "sliding-window": {
        "en": "A sliding window keeps a summary of the current range and updates it as one end "
        "enters and the other leaves.",
        "ko": "슬라이딩 윈도우는 현재 구간의 요약을 유지하면서, 한쪽 끝이 들어오고 다른 끝이 나갈 때마다 "
        "갱신합니다.",
    },
    "recursion": {
        "en": "Recursion solves a case by calling itself on smaller cases; decide the base case "
        "first.",
        "ko": "재귀는 더 작은 경우에 대해 자기 자신을 불러 문제를 풉니다. 종료 조건부터 정하세요.",
    },
    "backtracking": {
        "en": "Backtracking builds a candidate choice by choice and undoes the last choice when "
        "it cannot lead to an answer.",
        "ko": "백트래킹은 선택을 하나씩 쌓아 후보를 만들고, 답이 될 수 없으면 마지막 선택을 되돌립니다.",
    },
    "greedy": {
        "en": "A greedy algorithm makes the locally best choice at each step; the work is in "
        "convincing yourself that it is never wrong.",
        "ko": "그리디 알고리즘은 매 단계 가장 좋아 보이는 선택을 합니다. 그 선택이 틀리지 않는다는 "
        "확신이 핵심입니다.",
    },
    "stack": {
        "en": "A stack hands back the most recent item first, which matches nesting: the last "
        "thing opened is the first to close.",
        "ko": "스택은 가장 최근 것을 먼저 꺼내므로 중첩 구조와 잘 맞습니다. 마지막에 열린 것이 먼저 "
        "닫힙니다.",
    },
    "trees": {
        "en": "A tree is a connected graph without cycles: between two nodes there is exactly "
        "one path.",
        "ko": "트리는 사이클이 없는 연결 그래프로, 두 정점 사이의 경로가 정확히 하나입니다.",
    },
    "union-find": {
        "en": "Union-find keeps groups that merge: each element points towards a representative "
        "of its group.",
        "ko": "유니온 파인드는 합쳐지는 그룹들을 관리하며, 각 원소는 자기 그룹의 대표를 가리킵니다.",
    },
    "binary-search": {
        "en": "Binary search halves a sorted range at each step, so it finds a position among n in "
        "about log2(n) steps.",
        "ko": "이분 탐색은 정렬된 범위를 매번 절반으로 줄여, n개 중 위치를 약 log2(n)번 만에 찾습니다.",
    },
}
GENERIC: Final[dict[Language, str]] = {
    "en": "Start from the smallest examples and ask what changes as the input grows.",
    "ko": "가장 작은 예제부터 시작해서, 입력이 커질 때 무엇이 달라지는지 생각해 보세요.",
}


def concepts(tags: tuple[str, ...], language: Language) -> list[str]:
    found = [CONCEPTS[tag][language] for tag in tags if tag in CONCEPTS]
    return found or [GENERIC[language]]
