def solution(data: dict) -> list[int]:
    n = data["n"]
    edges = data["edges"]  # [u, v, w]: a one-way road from u to v of length w
    answer = [-1] * n
    return answer
