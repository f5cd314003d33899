import sys


def solve(values: list[int], queries: list[tuple[int, int]]) -> list[int]:
    # one answer per query (l, r): values[l - 1] + ... + values[r - 1]
    return [0 for _ in queries]


def main() -> None:
    tokens = [int(token) for token in sys.stdin.read().split()]
    n, q = tokens[0], tokens[1]
    values = tokens[2 : 2 + n]
    queries = [(tokens[2 + n + 2 * i], tokens[3 + n + 2 * i]) for i in range(q)]
    sys.stdout.write("\n".join(map(str, solve(values, queries))) + "\n")


main()
