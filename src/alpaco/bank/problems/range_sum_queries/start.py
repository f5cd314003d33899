import sys


def main() -> None:
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    # the next n tokens are a_1..a_n, then q pairs l r
    # print one answer per line


main()
