def solution(data: int) -> int:
    # data is n: count the primes p with p <= n
    return 0
