def solution(data: str) -> int:
    s = data
    answer = 0
    return answer
