def solution(data: dict) -> int:
    nums = data["nums"]
    target = data["target"]
    answer = -1
    return answer
