def solution(data: str) -> str:
    # data is the note, written backwards
    return ""
