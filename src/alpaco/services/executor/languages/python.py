"""Python: which interpreter runs submissions and how its fork server is started.

The interpreter is the real binary of the harness's own version (never a pyenv shim: 87 ms per
start), run with `-I -S -B` so no site hooks, user site or environment variables are honoured.
When the sandbox runs under another uid, that uid must be able to reach the binary and its
prefix; if the harness's own prefix is private (e.g. under /root) the system's binary of the same
version is used instead.
"""

from __future__ import annotations

import marshal
import stat
import sys
from functools import lru_cache
from pathlib import Path

from alpaco.services.executor.settings import ExecutorSettings

FLAGS = ("-I", "-S", "-B")
SYSTEM_PREFIXES = ("/usr",)


@lru_cache(maxsize=2)
def interpreter(*, other_uid: bool) -> tuple[Path, bool]:
    """(binary, reachable by other uids). `ALPACO_EXECUTOR_PYTHON` overrides the choice."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    override = ExecutorSettings.from_env().python
    candidates = (
        [Path(override)]
        if override
        else [
            Path(sys.base_prefix) / "bin" / version,
            Path("/usr/bin") / version,
            Path("/usr/local/bin") / version,
        ]
    )
    existing = [path.resolve() for path in candidates if path.is_file()]
    if not existing:
        raise FileNotFoundError(f"no {version} interpreter found for the sandbox")
    if other_uid:
        for path in existing:
            if _world_reachable(path):
                return path, True
    return existing[0], _world_reachable(existing[0])


def prefix(binary: Path) -> Path:
    """The installation prefix (`<prefix>/bin/pythonX.Y`); libpython is found relative to it."""
    return binary.parent.parent


def ro_binds(binary: Path) -> tuple[str, ...]:
    """Paths the sandbox must see besides the system: the prefix when it lives outside /usr."""
    root = prefix(binary)
    if any(root == Path(system) or Path(system) in root.parents for system in SYSTEM_PREFIXES):
        return ()
    return (str(root),)


SERVER_PACKAGE = "alpaco.services.executor.forkserver"
# Dependencies first; `server` runs.
SERVER_MODULES = ("system", "encoding", "isolation", "scratch", "case", "server")
BOOTSTRAP = (
    "import _socket,marshal,sys\n"
    "s=_socket.socket(fileno=int(sys.argv[1]))\n"
    "for n,c in marshal.loads(s.recv(1<<20)):\n"
    " m=sys.modules[n]=type(sys)(n)\n"
    " exec(c,m.__dict__)\n"
    "s.detach()\n"
    "m.main()\n"
)


@lru_cache(maxsize=1)
def server_code() -> bytes:
    """The fork server's modules, compiled once in the harness; the first message on its socket.

    Compiling them in every sandbox would cost milliseconds per submission. The sandbox runs the
    same minor version as the harness, so the code objects are valid there.
    """
    folder = Path(__file__).parents[1] / "forkserver"
    modules = [
        (
            f"{SERVER_PACKAGE}.{name}",
            compile(
                (folder / f"{name}.py").read_text(), f"<executor:{name}>", "exec", dont_inherit=True
            ),
        )
        for name in SERVER_MODULES
    ]
    return marshal.dumps(modules)


def server_argv(binary: Path, control_fd: int) -> list[str]:
    """The fork server's command: a bootstrap that loads its modules from its socket."""
    return [str(binary), *FLAGS, "-c", BOOTSTRAP, str(control_fd)]


def _world_reachable(path: Path) -> bool:
    """Whether an unrelated uid can execute `path` and read its prefix (o+x on every parent)."""
    if not path.stat().st_mode & stat.S_IXOTH:
        return False
    return all(parent.stat().st_mode & stat.S_IXOTH for parent in path.parents)
