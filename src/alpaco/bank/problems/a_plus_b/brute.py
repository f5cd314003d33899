def solution(data: dict[str, int]) -> int:
    total = data["a"]
    step = 1 if data["b"] > 0 else -1
    for _ in range(abs(data["b"])):
        total += step
    return total
