import sys


def main() -> None:
    lines = sys.stdin.read().split()
    q = int(lines[0])
    for plan in lines[1 : 1 + q]:
        # print YES or NO for each plan
        pass


main()
