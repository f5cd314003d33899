"""The leak guard alone: what it holds, for how long, what it withholds and what it records."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from alpaco.services.chatbot.leak_guard import LeakGuard, Release

START = "def solution(data):\n    return 0\n"
REFERENCE = """def solution(data):
    nums = sorted(data["nums"])
    k = data["k"]
    lo, hi = 0, len(nums) - 1
    pairs = 0
    while lo < hi:
        if nums[lo] + nums[hi] <= k:
            pairs += hi - lo
            lo += 1
        else:
            hi -= 1
    return pairs
"""
BRUTE = """def solution(data):
    nums, k = data["nums"], data["k"]
    pairs = 0
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] + nums[j] <= k:
                pairs += 1
    return pairs
"""
STAND_IN = "[a hint instead]"


def guard(own: str = "") -> LeakGuard:
    return LeakGuard(
        {"solution": REFERENCE, "brute force": BRUTE}, given=START, own=own, replacement=STAND_IN
    )


def streamed(text: str, size: int = 1, own: str = "") -> tuple[str, list[Release]]:
    g = guard(own)
    releases = [g.feed(text[i : i + size]) for i in range(0, len(text), size)]
    releases.append(g.close())
    return "".join(r.text for r in releases), releases


def withheld(releases: Iterable[Release]) -> list[str]:
    return [w.place for r in releases for w in r.withheld]


def test_prose_leaves_as_it_arrives() -> None:
    g = guard()
    assert g.feed("Sorting first ").text == "Sorting first "
    assert g.feed("helps. 정렬부터").text == "helps. 정렬부터"
    assert g.feed(" 해 보세요.\n").text == " 해 보세요.\n"


def test_a_line_waits_only_until_its_first_two_words_tell() -> None:
    g = guard()
    assert g.feed("Think").text == ""
    assert g.feed(" about it").text == "Think about it"


def test_a_fenced_block_is_held_until_its_fence_closes() -> None:
    g = guard()
    assert g.feed("Look:\n```python\nnums.sort()\n").text == "Look:\n"
    assert g.feed("```\nThen").text == "```python\nnums.sort()\n```\n"


@pytest.mark.parametrize("size", [1, 3, 64, 10_000])
def test_the_reference_is_withheld_however_the_stream_is_cut(size: int) -> None:
    answer = f"Here:\n```python\n{REFERENCE}```\nGood luck!\n"
    text, releases = streamed(answer, size)
    assert text == f"Here:\n{STAND_IN}\nGood luck!\n"
    assert withheld(releases) == ["fenced"]


def test_the_record_of_a_withheld_block_names_it_without_its_code() -> None:
    _, releases = streamed(f"```\n{BRUTE}```\n")
    (record,) = [w for r in releases for w in r.withheld]
    assert (record.place, record.reference, record.share) == ("fenced", "brute force", 1.0)
    assert record.chars == len(f"```\n{BRUTE}```\n")
    assert "nums" not in repr(record)


def test_unfenced_code_lines_are_held_as_one_run() -> None:
    text, releases = streamed(f"정답:\n{REFERENCE}\n끝.\n")
    assert text == f"정답:\n{STAND_IN}\n끝.\n"
    assert withheld(releases) == ["lines"]


def test_an_inline_span_is_judged_when_it_closes() -> None:
    one_line = " ; ".join(line.strip() for line in REFERENCE.splitlines())
    text, releases = streamed(f"Use `nums.sort()`, then `{one_line}` and done.\n", size=5)
    assert text == f"Use `nums.sort()`, then ({STAND_IN}) and done.\n"
    assert withheld(releases) == ["inline"]


def test_blocks_count_together_so_a_solution_split_in_parts_still_leaks() -> None:
    lines = REFERENCE.splitlines(keepends=True)
    parts = ["".join(lines[:4]), "".join(lines[4:8]), "".join(lines[8:])]
    text, releases = streamed("".join(f"Part:\n```\n{part}```\n" for part in parts))
    assert "fenced" in withheld(releases)
    assert text.count(STAND_IN) >= 1
    assert "pairs += hi - lo" not in text


def test_code_typed_into_a_sentence_cuts_the_answer_off() -> None:
    sentence = "The answer is " + " ".join(REFERENCE.split()) + " and that is all. More text.\n"
    text, releases = streamed(sentence, size=4)
    assert withheld(releases) == ["prose"]
    assert text.endswith(f"{STAND_IN}\n")
    assert "pairs += hi - lo" not in text
    assert "More text" not in text


def test_the_students_own_code_may_be_shown_back_with_a_one_line_fix() -> None:
    own = REFERENCE.replace("pairs += hi - lo", "pairs += 1")
    answer = f"Your loop:\n```python\n{own}```\nLook at `pairs += 1`: try `pairs += hi - lo`.\n"
    text, releases = streamed(answer, own=own)
    assert withheld(releases) == []
    assert text == answer


def test_the_start_code_is_no_leak() -> None:
    answer = f"The template:\n```python\n{START}```\n"
    assert streamed(answer)[0] == answer


def test_honest_snippets_and_sample_data_pass() -> None:
    answer = (
        "Sort first: `nums.sort()`. Then compare the ends:\n\n```python\nif nums[lo] + nums[hi] "
        '<= k:\n```\n\nSample:\n\n```json\n{"nums": [3, -1, 4, 1, 5], "k": 4}\n```\n'
    )
    text, releases = streamed(answer, size=2)
    assert (text, withheld(releases)) == (answer, [])


def test_without_a_reference_everything_passes() -> None:
    g = LeakGuard({"solution": ""}, given="", own="", replacement=STAND_IN)
    answer = f"```\n{REFERENCE}```\n"
    assert g.feed(answer).text + g.close().text == answer


def test_nothing_follows_a_cut() -> None:
    g = guard()
    g.feed("So: " + " ".join(REFERENCE.split()) + "\n")
    assert g.feed("more").text == ""
    assert g.close().text == ""


def test_an_unclosed_fence_is_judged_at_the_end() -> None:
    text, releases = streamed(f"```python\n{REFERENCE}")
    assert text == STAND_IN + "\n"
    assert withheld(releases) == ["fenced"]


def test_code_typed_without_spaces_is_read_as_it_streams() -> None:
    compact = ";".join(line.strip().replace(" ", "") for line in REFERENCE.splitlines())
    text, releases = streamed(f"Look: {compact * 3} end\n", size=3)
    assert withheld(releases) == ["prose"]
    assert "pairs+=hi-lo" not in text
