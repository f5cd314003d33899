"""Hostile reads and writes: host files, the harness environment, /proc, the network, syscalls."""

from __future__ import annotations

import socket
import threading
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from alpaco.services.executor.languages import python

if TYPE_CHECKING:
    from collections.abc import Iterator

    from conftest import Judge

pytestmark = pytest.mark.security


def test_writes_outside_the_workdir_fail_and_nothing_persists(judge: Judge) -> None:
    marker = f"alpaco-marker-{uuid.uuid4().hex}"
    code = (
        "import os\n"
        "def solution(name):\n"
        "    outcome = {}\n"
        "    for where in ('/tmp', '/dev/shm', '/usr', '/', '/var/tmp', '/proc', '/dev'):\n"
        "        try:\n"
        "            with open(os.path.join(where, name), 'w') as f:\n"
        "                f.write('persist me')\n"
        "            outcome[where] = 'written'\n"
        "        except OSError as exc:\n"
        "            outcome[where] = type(exc).__name__\n"
        "    return outcome\n"
    )

    result = judge.run(code, input_data=marker)

    assert result["status"] == "OK"
    outcome = result["returnValue"]
    assert outcome["/tmp"] == outcome["/dev/shm"] == "written"
    read_only = ("/usr", "/", "/proc", "/dev") + (("/var/tmp",) if judge.full else ())
    assert all(outcome[where] != "written" for where in read_only)
    for host in ("/tmp", "/dev/shm", "/var/tmp", "/"):  # thin mode: written, then wiped
        assert not (Path(host) / marker).exists()


def test_host_files_are_not_there_to_read(judge: Judge) -> None:
    code = (
        "def solution(paths):\n"
        "    seen = {}\n"
        "    for path in paths:\n"
        "        try:\n"
        "            seen[path] = open(path).read(100)\n"
        "        except OSError as exc:\n"
        "            seen[path] = type(exc).__name__\n"
        "    return seen\n"
    )
    paths = ["/etc/passwd", "/etc/shadow", "/root/.bashrc", str(Path(__file__)),
             str(python.__file__), "/home", "/proc/1/root/etc/passwd"]  # fmt: skip

    result = judge.run(code, input_data=paths)

    assert result["status"] == "OK"
    seen = result["returnValue"]
    refused = {"FileNotFoundError", "PermissionError", "IsADirectoryError"}
    if judge.full:
        assert set(seen.values()) <= refused
    else:  # known limit: world-readable host files are readable; root-only ones are not
        assert {seen[path] for path in ("/etc/shadow", "/root/.bashrc")} <= refused


def test_the_harness_environment_is_invisible(judge: Judge) -> None:
    code = (
        "import os\n"
        "def solution(x):\n"
        "    blobs = [repr(dict(os.environ))]\n"
        "    for pid in [p for p in os.listdir('/proc') if p.isdigit()] + ['self']:\n"
        "        try:\n"
        "            blobs.append(open(f'/proc/{pid}/environ', 'rb').read().decode())\n"
        "        except OSError as exc:\n"
        "            blobs.append(type(exc).__name__)\n"
        "    return blobs\n"
    )

    result = judge.run(code, input_data=1)

    assert result["status"] == "OK"
    assert not any("AWS" in blob for blob in result["returnValue"])


def test_proc_shows_only_the_sandbox(judge: Judge) -> None:
    # Processes of the tests running beside this one come and go between listdir and open.
    code = (
        "import os\n"
        "def solution(x):\n"
        "    seen = {}\n"
        "    for p in os.listdir('/proc'):\n"
        "        if p.isdigit():\n"
        "            try:\n"
        "                seen[p] = open(f'/proc/{p}/cmdline', 'rb').read().decode(errors='replace')\n"
        "            except (FileNotFoundError, ProcessLookupError):\n"
        "                pass\n"
        "    return seen\n"
    )

    result = judge.run(code, input_data=1)

    assert result["status"] == "OK", result
    if judge.full:  # the case is pid 1 of its own namespace: not even the fork server is there
        assert list(result["returnValue"]) == ["1"]
    else:  # known limit: other processes' command lines are visible (never their environment)
        assert any("pytest" in cmdline for cmdline in result["returnValue"].values())


def test_the_fork_servers_memory_is_private(judge: Judge) -> None:
    code = (
        "import os\n"
        "def solution(x):\n"
        "    try:\n"
        "        open(f'/proc/{os.getppid()}/mem', 'rb').close()\n"
        "    except OSError as exc:\n"
        "        return type(exc).__name__\n"
        "    return 'opened'\n"
    )

    result = judge.run(code, input_data=1)["returnValue"]

    # Full: the fork server is outside the case's pid namespace (its parent pid reads as 0).
    assert result == ("FileNotFoundError" if judge.full else "PermissionError")


@pytest.fixture
def harness_listener() -> Iterator[tuple[int, list[bytes]]]:
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    received: list[bytes] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except TimeoutError:
                continue
            received.append(b"connected")
            connection.sendall(b"harness secret banner")
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], received
    stop.set()
    thread.join()
    server.close()


def test_no_network_to_the_harness_loopback_or_beyond(
    judge: Judge, harness_listener: tuple[int, list[bytes]]
) -> None:
    port, received = harness_listener
    code = (
        "import socket\n"
        "def solution(port):\n"
        "    outcome = {}\n"
        "    for name, address in (('loopback', ('127.0.0.1', port)), ('internet', ('1.1.1.1', 80))):\n"
        "        try:\n"
        "            socket.create_connection(address, timeout=1).recv(100)\n"
        "            outcome[name] = 'connected'\n"
        "        except OSError as exc:\n"
        "            outcome[name] = type(exc).__name__\n"
        "    try:\n"
        "        socket.getaddrinfo('example.com', 80)\n"
        "        outcome['dns'] = 'resolved'\n"
        "    except OSError as exc:\n"
        "        outcome['dns'] = type(exc).__name__\n"
        "    return outcome\n"
    )

    result = judge.run(code, input_data=port)

    assert result["status"] == "OK"
    assert "connected" not in result["returnValue"].values()
    assert result["returnValue"]["dns"] != "resolved"
    assert received == []


def test_a_planted_symlink_reaches_nothing(judge: Judge) -> None:
    code = (
        "import os\n"
        "def solution(x):\n"
        "    os.symlink('/etc/shadow', '/tmp/out')\n"
        "    os.symlink('/proc/1/root', '/tmp/root')\n"
        "    return sorted(os.listdir('/tmp/root'))\n"
    )

    result = judge.run(code, input_data=1)

    assert result["status"] in {"OK", "RE"}
    assert "etc" not in (result["returnValue"] or [])
