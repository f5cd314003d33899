def solution(data: str) -> int:
    s = data
    return max(
        j - i for i in range(len(s)) for j in range(i + 1, len(s) + 1) if s[i:j] == s[i:j][::-1]
    )
