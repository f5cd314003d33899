def solution(data: str) -> str:
    answer = ""
    return answer
