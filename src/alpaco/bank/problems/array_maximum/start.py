def solution(data: list[int]) -> int:
    answer = 0
    return answer
