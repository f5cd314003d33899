def solution(data: list[int]) -> int:
    # data holds the scale readings, in the order the bales were weighed
    return 0
