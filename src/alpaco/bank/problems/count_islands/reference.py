def solution(data: list[str]) -> int:
    cols = len(data[0])
    width = cols + 2
    border = "0" * width
    board = border + "".join("0" + row + "0" for row in data) + border
    land = bytearray(cell == "1" for cell in board)
    islands = 0
    for cell in range(len(board)):
        if not land[cell]:
            continue
        islands += 1
        land[cell] = 0
        stack = [cell]
        while stack:
            current = stack.pop()
            for neighbour in (current - 1, current + 1, current - width, current + width):
                if land[neighbour]:
                    land[neighbour] = 0
                    stack.append(neighbour)
    return islands
