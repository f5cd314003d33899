def solution(data: str) -> int:
    s = data
    n = len(s)
    best = 1
    for middle in range(2 * n - 1):
        low = middle // 2
        high = low + middle % 2
        while low >= 0 and high < n and s[low] == s[high]:
            low -= 1
            high += 1
        best = max(best, high - low - 1)
    return best
