def solution(data: list[int]) -> int:
    best = data[0]
    for value in data:
        if value > best:
            best = value
    return best
