import sys


def main() -> None:
    tokens = sys.stdin.buffer.read().split()
    n, q = int(tokens[0]), int(tokens[1])
    prefix = [0] * (n + 1)
    for i in range(n):
        prefix[i + 1] = prefix[i] + int(tokens[2 + i])
    answers = []
    position = 2 + n
    for _ in range(q):
        left, right = int(tokens[position]), int(tokens[position + 1])
        position += 2
        answers.append(prefix[right] - prefix[left - 1])
    sys.stdout.write("\n".join(map(str, answers)) + "\n")


main()
