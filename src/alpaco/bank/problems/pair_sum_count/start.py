def solution(data: dict) -> int:
    nums = data["nums"]
    k = data["k"]
    answer = 0
    return answer
