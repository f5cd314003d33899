def solution(data: list[str]) -> int:
    rows, cols = len(data), len(data[0])
    land = [(r, c) for r in range(rows) for c in range(cols) if data[r][c] == "1"]
    label = {cell: index for index, cell in enumerate(land)}
    changed = True
    while changed:
        changed = False
        for r, c in land:
            for neighbour in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
                if neighbour in label and label[neighbour] < label[(r, c)]:
                    label[(r, c)] = label[neighbour]
                    changed = True
    return len(set(label.values()))
