def solution(data: list[str]) -> int:
    # data[r][c] is '1' for land and '0' for water
    return 0
