def solution(data: list[list[int]]) -> int:
    best = 0
    for moment, _ in data:
        running = sum(1 for start, end in data if start <= moment < end)
        best = max(best, running)
    return best
