import sys

lines = sys.stdin.read().split("\n")
for text in lines[1 : 1 + int(lines[0])]:
    previous = None
    while previous != text:
        previous = text
        text = text.replace("()", "").replace("[]", "").replace("{}", "")
    print("YES" if text == "" else "NO")
