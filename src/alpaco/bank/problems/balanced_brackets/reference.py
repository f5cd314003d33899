import sys

PARTNER = {")": "(", "]": "[", "}": "{"}


def balanced(text: str) -> bool:
    stack: list[str] = []
    for piece in text:
        if piece in PARTNER:
            if not stack or stack.pop() != PARTNER[piece]:
                return False
        else:
            stack.append(piece)
    return not stack


def main() -> None:
    lines = sys.stdin.read().split()
    count = int(lines[0])
    answers = ["YES" if balanced(line) else "NO" for line in lines[1 : 1 + count]]
    sys.stdout.write("\n".join(answers) + "\n")


main()
