import assert from "node:assert/strict";
import { test } from "node:test";
import { compareHint } from "../../src/alpaco/web/compare.js";
import { hasExamples } from "../../src/alpaco/web/statement.js";

test("a statement's own examples section is recognised in either language", () => {
  assert.ok(hasExamples("Story.\n\n### Examples\n\n**Example 1**"));
  assert.ok(hasExamples("이야기\n\n### 예제\n\n**예제 1**"));
  assert.ok(hasExamples("## 입출력 예\n| a | b |"));
  assert.ok(hasExamples("# Sample Input 1\n```\n3\n```"));
  assert.ok(!hasExamples("No examples here. Examples follow in the panel."));
  assert.ok(!hasExamples("### Exampleship\n"));
  assert.ok(!hasExamples(""));
  assert.ok(!hasExamples(undefined));
});

test("hasExamples stays fast on a heading line of spaces", () => {
  const started = performance.now();
  hasExamples(`${"# a".padEnd(19_000, " ")}x\n`.repeat(1));
  assert.ok(performance.now() - started < 50);
});

test("the examples hint compares the way the judge type says, or not at all", () => {
  assert.equal(compareHint("equal", [1, 2], [1, 2]), true);
  assert.equal(compareHint("equal", 3, "3"), false);
  assert.equal(compareHint("tokens", "1  2\n3", "1 2 3\n"), true);
  assert.equal(compareHint("lines", "YES\r\nNO  \n", "YES\nNO\n\n"), true);
  assert.equal(compareHint("lines", "YES NO", "YES\nNO"), false);
  assert.equal(compareHint("unordered_equal", [1, 2], [2, 1]), null);
  assert.equal(compareHint("float_eps", 0.1, 0.1), null);
});
