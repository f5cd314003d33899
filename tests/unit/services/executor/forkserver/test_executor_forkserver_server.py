"""The fork server's sweep decides, from a parent map alone, which processes to kill."""

from __future__ import annotations

from alpaco.services.executor.forkserver.server import _owner


def test_descendants_of_a_running_case_belong_to_it() -> None:
    parents = {10: 1, 11: 10, 12: 11}

    assert _owner(12, parents, {10}) == 10
    assert _owner(10, parents, {10}) == 10


def test_orphans_and_their_children_belong_to_nobody() -> None:
    parents = {10: 1, 20: 1, 21: 20, 22: 21}

    assert _owner(20, parents, {10}) is None
    assert _owner(22, parents, {10}) is None


def test_a_process_whose_parent_vanished_belongs_to_nobody() -> None:
    assert _owner(30, {30: 29}, {10}) is None
