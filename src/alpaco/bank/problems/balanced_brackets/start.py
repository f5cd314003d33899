import sys


def balanced(plan: str) -> bool:
    # decide whether every piece of the plan pairs up properly
    return False


def main() -> None:
    lines = sys.stdin.read().split()
    q = int(lines[0])
    for plan in lines[1 : 1 + q]:
        print("YES" if balanced(plan) else "NO")


main()
