def solution(data: dict[str, int]) -> int:
    a = data["a"]
    b = data["b"]
    answer = 0
    return answer
