import sys


def main() -> None:
    numbers = sys.stdin.read().split()
    n, k = int(numbers[0]), int(numbers[1])
    readings = [int(x) for x in numbers[2 : 2 + n]]
    print(" ".join(str(max(readings[i : i + k])) for i in range(n - k + 1)))


main()
