def solution(data: dict) -> list[list[int]]:
    nums = data["nums"]
    k = data["k"]
    answer = []
    return answer
