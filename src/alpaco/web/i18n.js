// The interface language: Korean (the default, as the site's students read it) or English, chosen
// with the header toggle and remembered in this browser. Problem statements have a toggle of their
// own (views/problem.js) because a student may want the English statement in a Korean interface.
import { MESSAGES } from "./messages.js";

export const LOCALES = ["ko", "en"];
const KEY = "alpaco.locale";
const listeners = new Set();
let current = saved() ?? "ko";

/** The browser's storage, or null where there is none (node's test runner, a locked-down browser). */
function storage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

function saved() {
  const value = storage()?.getItem(KEY);
  return LOCALES.includes(value) ? value : null;
}

/** `text` with each `{name}` replaced by `vars[name]`; unknown names stay visible, never blank. */
export function fill(text, vars = {}) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (Object.hasOwn(vars, name) ? String(vars[name]) : whole));
}

/** The message `key` in `language`; a key missing there falls back to Korean, then to the key. */
export function translate(language, key, vars) {
  const text = MESSAGES[language]?.[key] ?? MESSAGES.ko[key];
  return text === undefined ? key : fill(text, vars);
}

export const t = (key, vars) => translate(current, key, vars);
export const has = (key) => Object.hasOwn(MESSAGES[current], key);
export const locale = () => current;

export function setLocale(language) {
  if (!LOCALES.includes(language) || language === current) return;
  current = language;
  storage()?.setItem(KEY, language);
  for (const listener of listeners) listener(language);
}

export function onLocaleChange(listener) {
  listeners.add(listener);
}
