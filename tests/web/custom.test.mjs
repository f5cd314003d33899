import assert from "node:assert/strict";
import { test } from "node:test";
import { customCase, inputText, MAX_CUSTOM_CASES, parseInputs } from "../../src/alpaco/web/custom.js";

test("function inputs are JSON values; each one that is not says which", () => {
  assert.deepEqual(parseInputs(['{"a": 1, "b": 2}', " [1, 2] ", '"text"', "0"], "function"), {
    inputs: [{ a: 1, b: 2 }, [1, 2], "text", 0],
    problems: [],
  });
  assert.deepEqual(parseInputs(['{"a": 1}', "{a: 1}", "  "], "function"), {
    inputs: [],
    problems: ['입력 2: 올바른 JSON 값이 아닙니다 (문자열은 "따옴표"로 감싸세요).', "입력 3: 비어 있습니다."],
  });
  assert.deepEqual(parseInputs([], "function").problems, ["실행할 입력이 없습니다. 입력을 추가하세요."]);
});

test("stdio inputs are sent as typed, even empty", () => {
  assert.deepEqual(parseInputs(["3\n1 2 3\n", ""], "stdio"), { inputs: ["3\n1 2 3\n", ""], problems: [] });
  assert.equal(MAX_CUSTOM_CASES, 20);
});

test("a sample's input goes back into a box as it would be typed", () => {
  assert.equal(inputText({ a: 1, b: 2 }, "function"), '{"a":1,"b":2}');
  assert.equal(inputText("2\n()\n", "stdio"), "2\n()\n");
  assert.equal(inputText("x", "function"), "x");
});

// Cases as POST /grade answers RUN_CUSTOM_TESTS (services/grader/custom.py).
const ran = (returnValue, extra = {}) => ({
  caseIdentifier: "Custom Case 1",
  input: { a: 4, b: 0 },
  runCodeOutput: { status: "OK", returnValue, stdout: "", stderr: "", executionTimeMs: 3 },
  inputValid: true,
  inputError: null,
  expectedOutput: 4,
  expectedError: null,
  verdict: "ACCEPTED",
  ...extra,
});

test("a run case shows the student's output beside the expected one, with the verdict", () => {
  const right = customCase(ran(4), "function");
  assert.deepEqual(
    { ...right, run: undefined },
    {
      invalid: false,
      input: '{"a":4,"b":0}',
      run: undefined,
      actual: "4",
      printed: "",
      error: "",
      expected: "4",
      noExpected: null,
      verdict: "ACCEPTED",
    },
  );
  const wrong = customCase(ran(0, { verdict: "WRONG_ANSWER" }), "function");
  assert.deepEqual([wrong.actual, wrong.expected, wrong.verdict], ["0", "4", "WRONG_ANSWER"]);
  // A reference that returns None has a real expected output: null.
  assert.equal(customCase(ran(null, { expectedOutput: null }), "function").expected, "null");
  const stdio = customCase(
    ran(null, { input: "1 2\n", expectedOutput: "3\n", runCodeOutput: { status: "OK", stdout: "3\n" } }),
    "stdio",
  );
  assert.deepEqual([stdio.input, stdio.actual, stdio.expected, stdio.printed], ["1 2\n", "3\n", "3\n", ""]);
});

test("a crash has no output; a missing expected output says why", () => {
  const crashed = customCase(
    ran(null, {
      verdict: "RUNTIME_ERROR",
      runCodeOutput: { status: "RE", stderr: "ZeroDivisionError", stdout: "dbg\n", exceptionType: "ZeroDivisionError" },
    }),
    "function",
  );
  assert.deepEqual([crashed.actual, crashed.error, crashed.printed], ["", "ZeroDivisionError", "dbg\n"]);
  const noReference = customCase(ran(4, { expectedOutput: null, verdict: null }), "function");
  assert.deepEqual([noReference.expected, noReference.noExpected], [null, "noReference"]);
  const referenceFailed = customCase(
    ran(4, { expectedOutput: null, verdict: null, expectedError: "The reference solution ended with TLE" }),
    "function",
  );
  assert.equal(referenceFailed.noExpected, "referenceFailed");
});

test("an input the validator refused carries its reason and nothing run", () => {
  const refused = customCase(
    {
      caseIdentifier: "Custom Case 2",
      input: { a: 1, b: 10 ** 10 },
      runCodeOutput: { status: "INVALID_INPUT", error: "Invalid input: b must be between -10^9 and 10^9" },
      inputValid: false,
      inputError: "b must be between -10^9 and 10^9",
      expectedOutput: null,
      verdict: null,
    },
    "function",
  );
  assert.deepEqual(refused, {
    invalid: true,
    input: '{"a":1,"b":10000000000}',
    reason: "b must be between -10^9 and 10^9",
  });
  // Without a validator (inputValid null) every input runs.
  assert.equal(customCase(ran(4, { inputValid: null }), "function").invalid, false);
});
