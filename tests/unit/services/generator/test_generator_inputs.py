"""The inputs a generation checks its programs on, and the time limit it calibrates."""

from __future__ import annotations

from alpaco.services.generator import calibration
from alpaco.services.generator.inputs import (
    SMALL_INPUTS,
    SMALL_SIZE_CAP,
    Case,
    distinct,
    large_jobs,
    probes,
    small_jobs,
)


def test_small_jobs_favour_tiny_sizes_and_stay_under_the_cap() -> None:
    jobs = small_jobs("p-1", 10**6)
    sizes = [size for _, size in jobs]
    assert len(jobs) == SMALL_INPUTS
    assert sizes[:4] == [1, 1, 2, 2]
    assert max(sizes) == SMALL_SIZE_CAP
    assert sum(size <= SMALL_SIZE_CAP // 4 for size in sizes) > len(sizes) // 2
    assert len({seed for seed, _ in jobs}) == len(jobs)
    assert small_jobs("p-1", 10**6) == jobs  # reproducible from the problem id
    assert small_jobs("p-2", 10**6) != jobs


def test_large_jobs_reach_the_maximum_twice() -> None:
    assert [size for _, size in large_jobs("p", 10_000)] == [2500, 5000, 10_000, 10_000]


def test_distinct_keeps_the_first_reason() -> None:
    cases = [Case([1], "llm", "edge"), Case([1], "small", "generated"), Case([2], "small", "g")]
    assert [c.rationale for c in distinct(cases)] == ["edge", "g"]


def test_probes_break_the_shape_of_a_valid_input() -> None:
    found = dict(probes([{"nums": [3, 1], "k": 4}], "function"))
    assert found["no input at all (null)"] is None
    assert found["an object given as a list"] == [[3, 1], 4]
    assert found["the field 'k' missing"] == {"nums": [3, 1]}
    assert found["the value at ('nums', 0) replaced by 'a string'"] == {
        "nums": ["a string", 1],
        "k": 4,
    }


def test_probes_of_text_inputs() -> None:
    found = dict(probes(["2\n10 20\n"], "stdio"))
    assert found == {
        "empty input": "",
        "the first token replaced by a word": "x\n10 20\n",
        "the last line cut off": "2\n",
    }


def test_the_time_limit_is_three_times_the_reference_rounded_up_to_half_seconds() -> None:
    assert calibration.time_limit(12) == 1.0
    assert calibration.time_limit(400) == 1.5
    assert calibration.time_limit(1000) == 3.0
    assert not calibration.too_slow(1300)
    assert calibration.too_slow(1400)
    assert calibration.case_budget(1.0) == 20
    assert calibration.case_budget(1.5) == 13
