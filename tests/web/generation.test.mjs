import assert from "node:assert/strict";
import { test } from "node:test";
import {
  applyEvent,
  cancelGeneration,
  endGeneration,
  generationKind,
  STEPS,
  startGeneration,
} from "../../src/alpaco/web/generation.js";
import { MESSAGES } from "../../src/alpaco/web/messages.js";

const status = (name, progress, message = `${name}…`) => ({
  event: "status",
  data: JSON.stringify({ step: 1, name, message, progress }),
});
const fold = (events, state = startGeneration()) => events.reduce(applyEvent, state);

test("steps are listed once each, in the order they first appear, with their latest message", () => {
  const state = fold([
    status("intent", 0, "Analysing"),
    status("intent", 8, "Analysed"),
    status("tests", 8),
    status("solution", 8),
    status("tests", 13, "Tests ready"),
  ]);
  assert.deepEqual(
    state.steps.map((step) => step.name),
    ["intent", "tests", "solution"],
  );
  assert.equal(state.steps[0].message, "Analysed");
  assert.equal(state.steps[1].message, "Tests ready");
  assert.equal(state.current, "tests");
  assert.equal(state.phase, "running");
});

test("progress only grows and stays within 0..100, whatever parallel steps report", () => {
  const seen = [status("solution", 40), status("brute", 25), status("x", 250), status("y", "n/a")].map(
    (_, index, all) => fold(all.slice(0, index + 1)).progress,
  );
  assert.deepEqual(seen, [40, 40, 100, 100]);
  assert.equal(fold([status("z", -5)]).progress, 0);
});

test("the result ends the generation at 100%; the closing `done` status adds no step", () => {
  const result = { event: "result", data: JSON.stringify({ payload: { problemId: "p-1", title: "피보나치" } }) };
  const state = fold([status("intent", 8), status("store", 92), result, status("done", 100)]);
  assert.equal(state.phase, "done");
  assert.equal(state.progress, 100);
  assert.equal(state.result.problemId, "p-1");
  assert.deepEqual(
    state.steps.map((step) => step.name),
    ["intent", "store"],
  );
});

test("an error frame fails the generation with its message; later frames change nothing", () => {
  const error = { event: "error", data: JSON.stringify({ payload: "The constraints step failed." }) };
  const state = fold([status("intent", 8), error, status("tests", 20)]);
  assert.equal(state.phase, "failed");
  assert.equal(state.error, "The constraints step failed.");
  assert.equal(state.progress, 8);
  assert.equal(fold([{ event: "error", data: "plain words" }]).error, "plain words");
});

test("heartbeats, unknown events and malformed frames are ignored", () => {
  const start = startGeneration();
  const events = [
    { event: "heartbeat", data: '{"timestamp": "2030-01-01T00:00:00Z"}' },
    { event: "message", data: "hello" },
    { event: "status", data: "{not json" },
    { event: "result", data: '{"payload": {}}' },
  ];
  assert.deepEqual(fold(events), start);
});

test("a stream that ends while running is interrupted; a cancel only stops a running one", () => {
  assert.equal(endGeneration(startGeneration()).phase, "failed");
  assert.ok(endGeneration(startGeneration()).interrupted);
  const done = fold([{ event: "result", data: '{"payload": {"problemId": "p"}}' }]);
  assert.equal(endGeneration(done), done);
  assert.equal(cancelGeneration(startGeneration()).phase, "cancelled");
  assert.equal(cancelGeneration(done), done);
  assert.equal(applyEvent(cancelGeneration(startGeneration()), status("intent", 8)).steps.length, 0);
});

test("stored statuses sort into completed, failed and still running", () => {
  assert.equal(generationKind("completed"), "completed");
  assert.equal(generationKind("error"), "failed");
  assert.equal(generationKind("step3_failed_attempt_1"), "running");
  assert.equal(generationKind("started"), "running");
  assert.equal(generationKind(undefined), "running");
});

test("every step the generator reports has a name in both languages", () => {
  for (const language of ["ko", "en"]) {
    for (const step of STEPS) assert.ok(MESSAGES[language][`generate.step.${step}`], `${language}: ${step}`);
  }
});

test("a step's ✅ or ⚠️ becomes its mark, and leaves its message", () => {
  const state = fold([
    status("intent", 0, "Analysing prompt..."),
    status("tests", 0, "⚠️ Designing test case inputs failed: truncated"),
    status("intent", 8, "✅ Analysing prompt: done."),
  ]);
  assert.deepEqual(state.steps, [
    { name: "intent", message: "Analysing prompt: done.", mark: "done" },
    { name: "tests", message: "Designing test case inputs failed: truncated", mark: "warning" },
  ]);
});
