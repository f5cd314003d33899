import sys


def main() -> None:
    tokens = sys.stdin.read().split()
    rows, cols = int(tokens[0]), int(tokens[1])
    width = cols + 2
    wall = "#" * width
    board = wall + "".join("#" + row + "#" for row in tokens[2 : 2 + rows]) + wall
    start, end = board.index("S"), board.index("E")
    free = bytearray(cell != "#" for cell in board)
    free[start] = 0
    frontier = [start]
    steps = 0
    while frontier:
        steps += 1
        following = []
        for cell in frontier:
            for neighbour in (cell - 1, cell + 1, cell - width, cell + width):
                if free[neighbour]:
                    if neighbour == end:
                        print(steps)
                        return
                    free[neighbour] = 0
                    following.append(neighbour)
        frontier = following
    print(-1)


main()
