MOD = 1_000_000_007


def solution(data: int) -> int:
    n = data
    answer = 0
    return answer
