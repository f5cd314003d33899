def solution(data: dict[str, int]) -> int:
    return data["a"] + data["b"]
