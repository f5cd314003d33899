import sys


def balanced(plan: str) -> bool:
    previous = None
    while previous != plan:
        previous = plan
        plan = plan.replace("()", "").replace("[]", "").replace("{}", "")
    return plan == ""


lines = sys.stdin.read().split("\n")
for text in lines[1 : 1 + int(lines[0])]:
    print("YES" if balanced(text) else "NO")
