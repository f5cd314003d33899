def solution(data: dict[str, int]) -> int:
    # data["a"] and data["b"] are the balances of the two barns
    return 0
