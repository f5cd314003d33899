def solution(data: str) -> str:
    return data[::-1]
