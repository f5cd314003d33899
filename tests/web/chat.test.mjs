import assert from "node:assert/strict";
import { test } from "node:test";
import { canExplain, chatBody, chatFrame, lastResultOf, levelFor } from "../../src/alpaco/web/chat.js";

test("each kind of frame the tutor sends is read as such", () => {
  assert.deepEqual(chatFrame('{"token": "**Hint**"}'), { kind: "token", text: "**Hint**" });
  assert.deepEqual(chatFrame('{"token": ""}'), { kind: "token", text: "" });
  assert.deepEqual(chatFrame("[DONE]"), { kind: "done" });
  assert.deepEqual(chatFrame(" [DONE] "), { kind: "done" });
  assert.deepEqual(chatFrame('{"error": "Failed to get response from LLM", "details": "timeout"}'), {
    kind: "error",
    message: "Failed to get response from LLM",
    details: "timeout",
  });
  assert.deepEqual(chatFrame('{"error": null}'), { kind: "error", message: "", details: "" });
  assert.deepEqual(chatFrame('{"hintLevel": 2, "language": "ko"}'), { kind: "level", level: 2 });
  assert.deepEqual(chatFrame('{"hintLevel": 9}'), { kind: "level", level: 4 });
});

test("anything else is ignored, never shown", () => {
  for (const data of ["", "{", "null", "42", '"text"', '{"timestamp": 1}', '{"hintLevel": "2"}']) {
    assert.deepEqual(chatFrame(data), { kind: "ignore" }, data);
  }
});

test("the ladder rises one rung on `next`, never past 4; `explain` is the rung that locates a bug", () => {
  assert.equal(levelFor("ask", 1), 1);
  assert.equal(levelFor("ask", 3), 3);
  assert.equal(levelFor("next", 1), 2);
  assert.equal(levelFor("next", 4), 4);
  assert.equal(levelFor("explain", 1), 3);
  assert.equal(levelFor("explain", 4), 3);
  assert.equal(levelFor("ask", 0), 1);
  assert.equal(levelFor("next", undefined), 2);
});

const WRONG = {
  status: "WRONG_ANSWER",
  submissionId: "s-1",
  results: [
    { caseNumber: 1, status: "WRONG_ANSWER", isSample: true, actualOutput: -1, input: { a: 1, b: 2 } },
    { caseNumber: 2, status: "RUNTIME_ERROR", isSample: false, exceptionType: "ZeroDivisionError", exceptionLine: 2 },
  ],
};

test("a failing grading can be explained; a pass or a judge error cannot", () => {
  assert.ok(canExplain(WRONG));
  assert.ok(canExplain({ status: "TIME_LIMIT_EXCEEDED" }));
  assert.ok(!canExplain({ status: "ACCEPTED" }));
  assert.ok(!canExplain({ status: "INTERNAL_ERROR" }));
  assert.ok(!canExplain(null));
});

test("the last result keeps verdicts, crashes and a sample's output only", () => {
  assert.deepEqual(lastResultOf(WRONG), {
    status: "WRONG_ANSWER",
    results: [
      { caseNumber: 1, status: "WRONG_ANSWER", exceptionType: null, exceptionLine: null, actualOutput: -1 },
      {
        caseNumber: 2,
        status: "RUNTIME_ERROR",
        exceptionType: "ZeroDivisionError",
        exceptionLine: 2,
        actualOutput: null,
      },
    ],
  });
});

test("the body is the original's, with the newest turns, a hint level and the grading when asked", () => {
  const turns = Array.from({ length: 30 }, (_, index) => ({
    role: index % 2 ? "assistant" : "user",
    content: `${index}`.padEnd(index === 29 ? 20_000 : 1, "x"),
  }));
  const problem = { problemId: "p-1", title: "A + B", description: "Add.", tags: ["math"] };
  const body = chatBody({ message: "왜 틀렸나요?", problem, code: "pass", turns, level: 3, grade: WRONG });
  assert.equal(body.newMessage, "왜 틀렸나요?");
  assert.deepEqual(body.problemDetails, { id: "p-1", title: "A + B", description: "Add." });
  assert.equal(body.userCode, "pass");
  assert.equal(body.history.length, 20);
  assert.equal(body.history[0].content, "10");
  assert.equal(body.history.at(-1).content.length, 12_000);
  assert.equal(body.hintLevel, 3);
  assert.equal(body.lastResult.status, "WRONG_ANSWER");
  assert.ok(!("lastResult" in chatBody({ message: "hi", problem, code: "", turns: [], level: 1 })));
});
