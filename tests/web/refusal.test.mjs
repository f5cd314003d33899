import assert from "node:assert/strict";
import { test } from "node:test";
import { setLocale } from "../../src/alpaco/web/i18n.js";
import { refusalLines, waitText } from "../../src/alpaco/web/refusal.js";

const LABELS = { prompt: "요청 내용", difficulty: "난이도" };

test("a 400 lists each invalid field by its label, in the validator's own words", () => {
  const error = {
    status: 400,
    message: "Invalid request: body.prompt: Value error, the prompt is blank",
    details: [
      { loc: ["body", "prompt"], msg: "Value error, the prompt is blank" },
      { loc: ["body", "mode"], msg: "Input should be 'function' or 'stdio'" },
      { loc: [], msg: "Input should be a valid dictionary" },
    ],
  };
  assert.deepEqual(refusalLines(error, LABELS), [
    "요청을 받아들일 수 없습니다. 다음을 고쳐 주세요.",
    "요청 내용: the prompt is blank",
    "mode: Input should be 'function' or 'stdio'",
    "요청: Input should be a valid dictionary",
  ]);
  // Without details, the message is all there is.
  assert.deepEqual(refusalLines({ status: 400, message: "Malformed JSON body." }), ["Malformed JSON body."]);
});

test("a 429 says when to try again; a 401 says to sign in again", () => {
  const busy = { status: 429, message: "One of your problems is still being generated.", retryAfter: 30 };
  assert.deepEqual(refusalLines(busy), [busy.message, "30초 후에 다시 시도해 주세요."]);
  assert.deepEqual(refusalLines({ ...busy, retryAfter: null }), [busy.message]);
  assert.deepEqual(refusalLines({ status: 401, message: "Authentication required." }), [
    "Authentication required.",
    "로그인이 만료되었습니다. 다시 로그인해 주세요.",
  ]);
  assert.deepEqual(refusalLines(new Error("boom")), ["boom"]);
});

test("waits read in the largest unit that fits, rounded up", () => {
  assert.equal(waitText(1), "1초");
  assert.equal(waitText(0), "1초");
  assert.equal(waitText(59), "59초");
  assert.equal(waitText(61), "2분");
  assert.equal(waitText(3600), "1시간");
  assert.equal(waitText(86_399), "24시간");
  assert.equal(waitText(200_000), "3일");
  setLocale("en");
  try {
    assert.equal(waitText(1), "1 second");
    assert.equal(waitText(30), "30 seconds");
    assert.equal(waitText(120), "2 minutes");
    assert.equal(refusalLines({ status: 429, message: "m", retryAfter: 5 })[1], "Try again in 5 seconds.");
  } finally {
    setLocale("ko");
  }
});
