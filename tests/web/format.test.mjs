import assert from "node:assert/strict";
import { test } from "node:test";
import {
  dateTime,
  difficultyLabel,
  kilobytes,
  preview,
  seconds,
  verdictClass,
  verdictLabel,
} from "../../src/alpaco/web/format.js";
import { setLocale } from "../../src/alpaco/web/i18n.js";

test("verdicts read in the interface language; unknown ones as sent", () => {
  assert.equal(verdictLabel("WRONG_ANSWER"), "오답");
  setLocale("en");
  assert.equal(verdictLabel("WRONG_ANSWER"), "Wrong answer");
  assert.equal(difficultyLabel("Hard"), "Hard");
  setLocale("ko");
  assert.equal(verdictLabel("SOMETHING_NEW"), "SOMETHING_NEW");
  assert.equal(verdictLabel(undefined), "-");
  assert.equal(verdictClass("ACCEPTED"), "good");
  assert.equal(verdictClass("OK"), "good");
  assert.equal(verdictClass("TIME_LIMIT_EXCEEDED"), "bad");
  assert.equal(difficultyLabel("Easy"), "쉬움 (Easy)");
  assert.equal(difficultyLabel("Legendary"), "Legendary");
  assert.equal(difficultyLabel(null), "-");
});

test("times, memory and dates", () => {
  assert.equal(seconds(0.0123), "12 ms");
  assert.equal(seconds(0), "0 ms");
  assert.equal(seconds(null), "-");
  assert.equal(seconds("x"), "-");
  assert.equal(kilobytes(512), "512 KB");
  assert.equal(kilobytes(2048), "2.0 MB");
  assert.equal(kilobytes(undefined), "-");
  assert.equal(dateTime(""), "-");
  assert.equal(dateTime("not a date"), "not a date");
  // submissionTime is epoch seconds; the rest ISO-8601: both name the same instant here.
  assert.equal(dateTime(1_767_225_600), dateTime("2026-01-01T00:00:00.000Z"));
});

test("test data previews: stdin text as is, anything else as JSON", () => {
  assert.equal(preview("3\n1 2 3\n"), "3\n1 2 3\n");
  assert.equal(preview({ a: 1, b: [2] }), '{"a":1,"b":[2]}');
  assert.equal(preview(0), "0");
  assert.equal(preview(undefined), "");
  assert.equal(preview(null), "null");
});
