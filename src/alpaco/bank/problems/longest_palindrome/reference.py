def solution(data: str) -> int:
    # Manacher's algorithm on "^#a#b#...#$": separators make even palindromes odd, and the
    # distinct sentinels stop every expansion without bounds checks.
    text = "^#" + "#".join(data) + "#$"
    radius = [0] * len(text)
    center = right = 0
    for i in range(1, len(text) - 1):
        if i < right:
            radius[i] = min(right - i, radius[2 * center - i])
        while text[i + radius[i] + 1] == text[i - radius[i] - 1]:
            radius[i] += 1
        if i + radius[i] > right:
            center, right = i, i + radius[i]
    return max(radius)
