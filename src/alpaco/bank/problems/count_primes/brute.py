def solution(data: int) -> int:
    count = 0
    for k in range(2, data + 1):
        if all(k % d for d in range(2, int(k**0.5) + 1)):
            count += 1
    return count
