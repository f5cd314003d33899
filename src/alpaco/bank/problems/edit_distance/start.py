def solution(data: dict[str, str]) -> int:
    # data["a"]: the typed word, data["b"]: the dictionary word
    return 0
