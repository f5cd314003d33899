import assert from "node:assert/strict";
import { test } from "node:test";
import { fill, LOCALES, locale, setLocale, t, translate } from "../../src/alpaco/web/i18n.js";
import { MESSAGES } from "../../src/alpaco/web/messages.js";

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map(([, name]) => name).sort();

test("both languages hold the same keys, and English asks for no value Korean does not", () => {
  // Callers pass what the Korean text needs; English may leave one out ("쉬움 (Easy)" is "Easy").
  assert.deepEqual(Object.keys(MESSAGES).sort(), [...LOCALES].sort());
  assert.deepEqual(Object.keys(MESSAGES.en).sort(), Object.keys(MESSAGES.ko).sort());
  for (const [key, korean] of Object.entries(MESSAGES.ko)) {
    assert.ok(korean.trim() && MESSAGES.en[key].trim(), key);
    for (const name of placeholders(MESSAGES.en[key])) assert.ok(placeholders(korean).includes(name), key);
  }
});

test("fill replaces known names and leaves unknown ones visible", () => {
  assert.equal(fill("{a} / {b}", { a: 1, b: 0 }), "1 / 0");
  assert.equal(fill("{a} {missing}", { a: "x" }), "x {missing}");
  assert.equal(fill("{toString}", {}), "{toString}");
});

test("translate falls back to Korean, then to the key", () => {
  assert.equal(translate("en", "result.score", { score: 100 }), "Score 100 / 100");
  assert.equal(translate("ko", "result.score", { score: 100 }), "점수 100 / 100");
  assert.equal(translate("fr", "nav.problems"), "문제");
  assert.equal(translate("en", "no.such.key"), "no.such.key");
});

test("the interface starts in Korean and switches, telling listeners", async () => {
  const { onLocaleChange } = await import("../../src/alpaco/web/i18n.js");
  assert.equal(locale(), "ko");
  const heard = [];
  onLocaleChange((language) => heard.push(language));
  setLocale("en");
  setLocale("en");
  setLocale("xx");
  assert.equal(t("nav.problems"), "Problems");
  setLocale("ko");
  assert.deepEqual(heard, ["en", "ko"]);
});
