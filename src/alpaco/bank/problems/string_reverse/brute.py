def solution(data: str) -> str:
    reversed_text = ""
    for character in data:
        reversed_text = character + reversed_text
    return reversed_text
