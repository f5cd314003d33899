import assert from "node:assert/strict";
import { test } from "node:test";
import { setLocale } from "../../src/alpaco/web/i18n.js";
import { isUnrecorded, milliseconds, percent, ruleText, trustFacts } from "../../src/alpaco/web/trust.js";

// What GET /problems/{id} answers for a bank problem (services/problems/trust.py).
const BANK = {
  source: "bank",
  testCount: 14,
  sampleCount: 2,
  generatedTestCount: 12,
  bruteForceChecked: 8,
  validatorAcceptsAll: true,
  referenceMaxMs: 12.345,
  timeLimitRule: "set by the problem's author; the reference must finish every test within it",
  recorded: true,
  timeLimitSeconds: 1,
  timeLimitFactor: 81,
  submissionCount: 3,
  acceptedCount: 1,
  acceptanceRate: 0.333,
};

const values = (trust) => Object.fromEntries(trustFacts(trust).map(({ fact, value }) => [fact, value]));

test("a recorded card reads as one translated line per fact", () => {
  assert.deepEqual(values(BANK), {
    source: "ALPACO 문제 은행",
    tests: "14개 (예제 2개 포함)",
    generated: "12개 / 전체 14개",
    bruteForce: "입력 8개에서 정답 풀이와 일치",
    validator: "모든 테스트가 제약을 지킴",
    timeLimit: "1초 (정답 풀이의 가장 느린 실행 12 ms의 81배)",
    rule: "문제 작성자가 정함. 정답 풀이는 모든 테스트를 이 안에 끝냄",
    acceptance: "33.3% (제출 3개 중 정답 1개)",
  });
  assert.deepEqual(
    trustFacts(BANK).map(({ label }) => label),
    [
      "출처",
      "테스트",
      "입력 생성기가 만든 테스트",
      "완전 탐색 풀이와 대조",
      "입력 검증기",
      "시간 제한",
      "시간 제한을 정한 방법",
      "정답률",
    ],
  );
  assert.equal(isUnrecorded(BANK), false);
});

test("every null fact, or no card at all, is unknown rather than good", () => {
  const nulls = Object.fromEntries(Object.keys(BANK).map((name) => [name, null]));
  for (const trust of [nulls, null, undefined, {}]) {
    assert.ok(
      trustFacts(trust).every(({ value }) => value === null),
      JSON.stringify(trust),
    );
  }
  const older = { ...nulls, recorded: false, testCount: 5, submissionCount: 0, timeLimitSeconds: 2 };
  assert.deepEqual(values(older), {
    source: null,
    tests: "5개",
    generated: null,
    bruteForce: null,
    validator: null,
    timeLimit: "2초 (정답 풀이의 실행 시간은 기록되지 않음)",
    rule: null,
    acceptance: "아직 제출 없음",
  });
  assert.ok(isUnrecorded(older));
  // A validator that refused a test and a brute force that checked nothing are said, not hidden.
  const doubtful = values({ ...BANK, validatorAcceptsAll: false, bruteForceChecked: 0 });
  assert.equal(doubtful.validator, "제약을 어기는 테스트가 있음");
  assert.equal(doubtful.bruteForce, "입력 0개에서 정답 풀이와 일치");
});

test("the server's two time limit rules are translated; any other is shown as sent", () => {
  const calibrated = "calibrated: 3 × the reference's slowest run, at least 1 s, rounded up to 0.5 s";
  assert.equal(ruleText(calibrated), "정답 풀이의 가장 느린 실행 × 3, 최소 1초, 0.5초 단위로 올림");
  assert.equal(ruleText("set by hand"), "set by hand");
  assert.equal(ruleText("  "), null);
  assert.equal(ruleText(7), null);
  setLocale("en");
  try {
    assert.equal(ruleText(calibrated), "the reference's slowest run × 3, at least 1 s, rounded up to 0.5 s");
    const english = values(BANK);
    assert.equal(english.timeLimit, "1 s (81 × the reference's slowest run, 12 ms)");
    assert.equal(english.acceptance, "33.3% (1 of 3 submissions accepted)");
    assert.equal(values({}).tests, null);
  } finally {
    setLocale("ko");
  }
});

test("rates and times are rounded for reading", () => {
  assert.equal(percent(0), "0%");
  assert.equal(percent(1), "100%");
  assert.equal(percent(0.6667), "66.7%");
  assert.equal(milliseconds(3.04), "3 ms");
  assert.equal(milliseconds(250.4), "250 ms");
});
