import sys


def solve(k: int, readings: list[int]) -> list[int]:
    return []


def main() -> None:
    numbers = sys.stdin.read().split()
    n, k = int(numbers[0]), int(numbers[1])
    readings = [int(x) for x in numbers[2 : 2 + n]]
    print(" ".join(map(str, solve(k, readings))))


main()
