def solution(data: int) -> int:
    n = data
    if n < 2:
        return 0
    composite = bytearray(n + 1)
    composite[0] = composite[1] = 1
    p = 2
    while p * p <= n:
        if not composite[p]:
            composite[p * p :: p] = b"\x01" * len(range(p * p, n + 1, p))
        p += 1
    return n + 1 - sum(composite)
