def solution(data: list[list[int]]) -> int:
    # data[i] = [start, end]: appointment i needs a station from start until just before end
    return 0
