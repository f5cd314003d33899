def solution(data: int) -> int:
    n = data
    answer = 0
    return answer
