def solution(data: str) -> int:
    # data is the row of letter tiles s
    return 1
