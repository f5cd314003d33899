def solution(data: list[list[int]]) -> int:
    starts = sorted(start for start, _ in data)
    ends = sorted(end for _, end in data)
    busy = best = finished = 0
    for start in starts:
        while ends[finished] <= start:
            finished += 1
            busy -= 1
        busy += 1
        best = max(best, busy)
    return best
