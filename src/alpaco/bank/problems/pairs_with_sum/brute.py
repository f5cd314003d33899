from typing import Any


def solution(data: dict[str, Any]) -> list[list[int]]:
    nums, k = data["nums"], data["k"]
    found = set()
    for i in range(len(nums)):
        for j in range(len(nums)):
            if i != j and nums[i] + nums[j] == k:
                found.add((min(nums[i], nums[j]), max(nums[i], nums[j])))
    return [list(pair) for pair in sorted(found)]
