from typing import Any


def solution(data: dict[str, Any]) -> list[list[int]]:
    # data["nums"]: distinct coupon values; data["target"]: the amount to pay
    # return every set of coupons that adds up to target, each set in ascending order
    return []
