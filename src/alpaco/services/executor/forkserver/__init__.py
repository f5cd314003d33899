"""The in-sandbox half of the Python runner: the fork server and the forked test cases.

These modules run inside the sandbox under `python -I -S -B`, where the `alpaco` package does not
exist: the harness compiles them and sends the code objects over the fork server's socket, and a
tiny bootstrap registers each under its full dotted name in `sys.modules`. So they import only
the standard library (cheap C modules where possible) and each other by full dotted name.
"""
