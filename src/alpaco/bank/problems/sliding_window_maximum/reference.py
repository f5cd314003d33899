import sys
from collections import deque


def main() -> None:
    numbers = sys.stdin.buffer.read().split()
    n, k = int(numbers[0]), int(numbers[1])
    readings = list(map(int, numbers[2 : 2 + n]))
    window: deque[int] = deque()
    maxima = []
    for i, reading in enumerate(readings):
        while window and readings[window[-1]] <= reading:
            window.pop()
        window.append(i)
        if window[0] <= i - k:
            window.popleft()
        if i >= k - 1:
            maxima.append(readings[window[0]])
    print(" ".join(map(str, maxima)))


main()
