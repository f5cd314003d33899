import sys


def solve(rows: int, cols: int, grid: list[str]) -> int:
    # grid[r][c] is one of '.', '#', 'S', 'E'
    return -1


def main() -> None:
    data = sys.stdin.read().split()
    rows, cols = int(data[0]), int(data[1])
    print(solve(rows, cols, data[2 : 2 + rows]))


main()
