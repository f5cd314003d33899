def solution(data: dict) -> int:
    for index, value in enumerate(data["nums"]):
        if value == data["target"]:
            return index
    return -1
