"""cgroup cells, exercised on a fake hierarchy (plain files) for both versions."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from alpaco.services.executor.sandbox import cgroup


def fake(tmp_path: Path, version: int) -> cgroup.Hierarchy:
    memory, pids = tmp_path / "memory", tmp_path / "pids"
    memory.mkdir()
    pids.mkdir()
    return cgroup.Hierarchy(version, memory, memory if version == 2 else pids)  # type: ignore[arg-type]


V1_FILES = ("memory.limit_in_bytes", "memory.memsw.limit_in_bytes", "pids.max", "cgroup.procs")
V2_FILES = ("memory.max", "memory.swap.max", "pids.max", "cgroup.procs")


def created(hierarchy: cgroup.Hierarchy, slots: int) -> cgroup.Cell:
    """A cell whose control files exist, as the kernel would create them."""
    cell = cgroup.Cell(hierarchy, "alpaco-1-0", slots)
    cell.top.memory_dir.mkdir()
    (cell.top.memory_dir / "cgroup.subtree_control").write_text("")
    cell.create()
    for node in (cell.home, *cell.slots):
        for name in V1_FILES if hierarchy.version == 1 else V2_FILES:
            for directory in (node.memory_dir, node.pids_dir):
                (directory / name).write_text("")
    return cell


def test_v1_cell_writes_memory_swap_and_task_limits(tmp_path: Path) -> None:
    cell = created(fake(tmp_path, 1), 2)
    slot = cell.slots[1]

    cell.limit_home(100)
    cell.limit_slots(200, 7)

    assert (slot.memory_dir / "memory.limit_in_bytes").read_text() == "200"
    assert (slot.memory_dir / "memory.memsw.limit_in_bytes").read_text() == "200"
    assert (slot.pids_dir / "pids.max").read_text() == "7"
    assert (cell.home.pids_dir / "pids.max").read_text() == "8"
    assert slot.memory_dir == tmp_path / "memory" / "alpaco-1-0" / "s1"
    assert slot.pids_dir == tmp_path / "pids" / "alpaco-1-0" / "s1"


def test_v2_cell_enables_controllers_and_uses_v2_files(tmp_path: Path) -> None:
    hierarchy = fake(tmp_path, 2)
    cell = created(hierarchy, 1)

    cell.limit_home(100)
    cell.limit_slots(200, 7)

    top = hierarchy.memory_root / "alpaco-1-0"
    assert (top / "cgroup.subtree_control").read_text() == "+memory +pids"
    assert (top / "s0" / "memory.max").read_text() == "200"
    assert (top / "s0" / "pids.max").read_text() == "7"


def test_limits_are_written_again_only_when_they_change(tmp_path: Path) -> None:
    cell = created(fake(tmp_path, 1), 1)
    limit_file = cell.slots[0].memory_dir / "memory.limit_in_bytes"
    cell.limit_slots(200, 7)
    limit_file.write_text("1")  # a second write of the same limits would overwrite this

    cell.limit_slots(200, 7)
    assert limit_file.read_text() == "1"

    cell.limit_slots(300, 7)
    assert limit_file.read_text() == "300"


def test_a_failed_limit_write_is_retried_next_time(tmp_path: Path) -> None:
    cell = created(fake(tmp_path, 1), 1)
    slot = cell.slots[0]
    (slot.pids_dir / "pids.max").unlink()
    with pytest.raises(FileNotFoundError):
        cell.limit_slots(200, 7)
    (slot.pids_dir / "pids.max").write_text("")

    cell.limit_slots(200, 7)
    assert (slot.pids_dir / "pids.max").read_text() == "7"


@pytest.mark.parametrize(
    ("version", "name", "text"),
    [
        (1, "memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n"),
        (2, "memory.events", "low 0\nhigh 0\nmax 4\noom 3\noom_kill 3\n"),
    ],
)
def test_oom_kills_are_read_from_the_versions_counter(
    tmp_path: Path, version: int, name: str, text: str
) -> None:
    node = created(fake(tmp_path, version), 1).slots[0]
    (node.memory_dir / name).write_text(text)

    assert node.oom_kills() == 3


def test_an_empty_node_needs_no_kill(tmp_path: Path) -> None:
    node = created(fake(tmp_path, 1), 1).slots[0]

    assert node.kill_all() is True


def test_stale_cells_of_dead_harnesses_are_removed(tmp_path: Path) -> None:
    hierarchy = fake(tmp_path, 1)
    dead = cgroup.Cell(hierarchy, "alpaco-999999999-0", 1)
    dead.create()
    alive = cgroup.Cell(hierarchy, f"alpaco-{os.getpid()}-0", 1)
    alive.create()

    cgroup.remove_stale_cells(hierarchy)

    assert not (hierarchy.memory_root / "alpaco-999999999-0").exists()
    assert not (hierarchy.pids_root / "alpaco-999999999-0").exists()
    assert (hierarchy.memory_root / f"alpaco-{os.getpid()}-0").exists()


def test_this_machine_has_a_usable_hierarchy() -> None:
    hierarchy = cgroup.locate()

    assert hierarchy.version in (1, 2)
    assert hierarchy.memory_root.is_dir()
