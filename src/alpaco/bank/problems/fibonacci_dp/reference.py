MOD = 1_000_000_007


def solution(data: int) -> int:
    previous, current = 0, 1
    for _ in range(data):
        previous, current = current, (previous + current) % MOD
    return previous
