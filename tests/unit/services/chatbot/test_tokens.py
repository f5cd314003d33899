"""Normalised tokens: what renaming, reformatting and comments change, and what they cannot hide."""

from __future__ import annotations

from alpaco.services.chatbot._tokens import code_shingles, code_tokens, prose_tokens

CODE = 'def solution(data):\n    nums = sorted(data["nums"])\n    return len(nums)  # count\n'


def test_renamed_names_read_the_same_but_builtins_and_attributes_do_not() -> None:
    renamed = 'def f(x):\n    arr = sorted(x["nums"])\n    return len(arr)\n'
    assert code_tokens(renamed)[0] == code_tokens(CODE)[0]
    assert "sorted" in code_tokens(CODE)[0]
    assert code_tokens("a.append(b)")[0] == ["ID", ".", "append", "(", "ID", ")"]


def test_layout_comments_and_quotes_do_not_count() -> None:
    reformatted = "def solution( data ) :\n  nums=sorted( data['nums'] )\n\n  return len( nums )\n"
    assert code_tokens(reformatted)[0] == code_tokens(CODE)[0]


def test_commented_out_and_docstring_code_is_read_on_the_side() -> None:
    commented_out = "".join(f"# {line}\n" for line in CODE.splitlines())
    in_docstring = f'def poem():\n    """\n{CODE}    """\n'
    assert code_tokens(commented_out)[0] == []
    assert code_shingles(CODE) <= code_shingles(commented_out)
    assert code_shingles(CODE) <= code_shingles(in_docstring)


def test_a_string_never_spans_whitespace_so_an_apostrophe_hides_nothing() -> None:
    tokens = prose_tokens("it's the code: nums = sorted(x)")
    assert tokens[-6:] == ["ID", "=", "sorted", "(", "ID", ")"]


def test_punctuation_outside_ascii_is_skipped() -> None:
    assert code_tokens("a ⏎ = → b • ;")[0] == ["ID", "=", "ID", ";"]


def test_prose_reads_strings_but_no_comments_so_it_can_be_read_piece_by_piece() -> None:
    text = '## Hint: x = data["nums"] # not a comment'
    for cut in [i + 1 for i, char in enumerate(text) if char == " "]:
        assert prose_tokens(text) == prose_tokens(text[:cut]) + prose_tokens(text[cut:])
    assert prose_tokens(text)[:2] == ["#", "#"]
    assert '"STR"' in prose_tokens(text)
