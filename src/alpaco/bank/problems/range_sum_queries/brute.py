import sys

lines = sys.stdin.read().split("\n")
n, q = map(int, lines[0].split())
values = list(map(int, lines[1].split()))
for query in range(q):
    left, right = map(int, lines[2 + query].split())
    total = 0
    for day in range(left, right + 1):
        total += values[day - 1]
    print(total)
