MOD = 1_000_000_007


def fibonacci(n: int) -> int:
    if n < 2:
        return n
    return fibonacci(n - 1) + fibonacci(n - 2)


def solution(data: int) -> int:
    return fibonacci(data) % MOD
