from typing import Any


def solution(data: dict[str, Any]) -> int:
    nums = sorted(data["nums"])
    k = data["k"]
    lo, hi = 0, len(nums) - 1
    pairs = 0
    while lo < hi:
        if nums[lo] + nums[hi] <= k:
            pairs += hi - lo
            lo += 1
        else:
            hi -= 1
    return pairs
