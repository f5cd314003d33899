def solution(data: list[int]) -> int:
    best = data[0]
    for value in data:
        best = max(best, value)
    return best
