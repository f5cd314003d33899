from typing import Any


def solution(data: dict[str, Any]) -> int:
    nums, k = data["nums"], data["k"]
    pairs = 0
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] + nums[j] <= k:
                pairs += 1
    return pairs
