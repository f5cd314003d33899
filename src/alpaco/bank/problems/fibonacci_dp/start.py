MOD = 1_000_000_007


def solution(data: int) -> int:
    # data is n; return F(n) % MOD
    return 0
