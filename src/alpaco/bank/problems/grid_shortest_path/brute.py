import sys


def main() -> None:
    tokens = sys.stdin.read().split()
    rows, cols = int(tokens[0]), int(tokens[1])
    grid = tokens[2 : 2 + rows]
    unknown = rows * cols + 1
    best = [[unknown] * cols for _ in range(rows)]
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == "S":
                best[r][c] = 0
    changed = True
    while changed:
        changed = False
        for r in range(rows):
            for c in range(cols):
                if grid[r][c] == "#":
                    continue
                for nr, nc in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
                    if 0 <= nr < rows and 0 <= nc < cols and best[nr][nc] + 1 < best[r][c]:
                        best[r][c] = best[nr][nc] + 1
                        changed = True
    for r in range(rows):
        for c in range(cols):
            if grid[r][c] == "E":
                print(best[r][c] if best[r][c] < unknown else -1)


main()
