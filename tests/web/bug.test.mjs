import assert from "node:assert/strict";
import { test } from "node:test";
import { bugReport, canFindBug } from "../../src/alpaco/web/bug.js";

test("find my bug is offered after a grading the code failed, not otherwise", () => {
  for (const status of ["WRONG_ANSWER", "RUNTIME_ERROR", "TIME_LIMIT_EXCEEDED", "MEMORY_LIMIT_EXCEEDED"]) {
    assert.ok(canFindBug(status), status);
  }
  for (const status of ["ACCEPTED", "COMPILATION_ERROR", "INTERNAL_ERROR", undefined, "SOMETHING_NEW"]) {
    assert.ok(!canFindBug(status), status);
  }
});

// Answers as POST /grade gives them for FIND_MY_BUG (services/grader/bug_answer.py).
const FOUND = {
  executionMode: "FIND_MY_BUG_RESULTS",
  found: true,
  tries: 40,
  input: { a: 0, b: 1 },
  expectedOutput: 1,
  actualOutput: -1,
  verdict: "WRONG_ANSWER",
  stderr: "",
  exceptionType: null,
  exceptionLine: null,
  shrinkSteps: 3,
};

test("a found difference gives the shrunk input and both outputs", () => {
  assert.deepEqual(bugReport(FOUND), {
    found: true,
    tries: 40,
    steps: 3,
    verdict: "WRONG_ANSWER",
    input: '{"a":0,"b":1}',
    expected: "1",
    actual: "-1",
    crash: null,
    stderr: "",
  });
  const stdio = bugReport({ ...FOUND, input: "1\n5\n", expectedOutput: "5\n", actualOutput: "" });
  assert.deepEqual([stdio.input, stdio.expected, stdio.actual], ["1\n5\n", "5\n", ""]);
});

test("a crash or a time-out has no output to compare, only how it ended", () => {
  const crashed = bugReport({
    ...FOUND,
    verdict: "RUNTIME_ERROR",
    actualOutput: null,
    stderr: "Traceback ...\nIndexError: list index out of range",
    exceptionType: "IndexError",
    exceptionLine: 3,
  });
  assert.equal(crashed.actual, null);
  assert.deepEqual(crashed.crash, { exceptionType: "IndexError", exceptionLine: 3 });
  assert.match(crashed.stderr, /IndexError/);
  assert.equal(bugReport({ ...FOUND, verdict: "TIME_LIMIT_EXCEEDED", actualOutput: null }).actual, null);
});

test("nothing found is said with the number of tries, never as a pass", () => {
  assert.deepEqual(bugReport({ found: false, tries: 400, input: null, message: "No difference found in 400 tries." }), {
    found: false,
    tries: 400,
  });
  assert.deepEqual(bugReport({}), { found: false, tries: 0 });
  assert.deepEqual(bugReport(null), { found: false, tries: 0 });
});
