def solution(data: list[str]) -> int:
    rows, cols = len(data), len(data[0])
    label = {(r, c): r * cols + c for r in range(rows) for c in range(cols) if data[r][c] == "1"}
    changed = True
    while changed:
        changed = False
        for (r, c), current in label.items():
            for neighbour in ((r - 1, c), (r + 1, c), (r, c - 1), (r, c + 1)):
                if neighbour in label and label[neighbour] < current:
                    current = label[neighbour]
                    label[(r, c)] = current
                    changed = True
    return len(set(label.values()))
