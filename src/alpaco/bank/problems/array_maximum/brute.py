def solution(data: list[int]) -> int:
    for candidate in data:
        if all(candidate >= other for other in data):
            return candidate
    raise AssertionError("a non-empty list always has a maximum")
