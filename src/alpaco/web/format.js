// How values read in the UI: verdict names, times, dates, and test data previews.
import { has, locale, t } from "./i18n.js";

const DIFFICULTIES = ["Easy", "Medium", "Hard"];

/** A verdict or run status in the interface language; an unknown one is shown as sent. */
export const verdictLabel = (status) => (status && has(`verdict.${status}`) ? t(`verdict.${status}`) : status || "-");
export const verdictClass = (status) => (status === "ACCEPTED" || status === "OK" ? "good" : "bad");

export function difficultyLabel(level) {
  if (!DIFFICULTIES.includes(level)) return level || "-";
  return t("difficulty.label", { name: t(`difficulty.${level}`), level });
}

export function seconds(value) {
  if (value === null || value === undefined || value === "") return "-";
  const number = Number(value);
  return Number.isFinite(number) ? `${Math.round(number * 1000)} ms` : "-";
}

export function kilobytes(value) {
  const number = Number(value);
  if (value === null || value === undefined || value === "" || !Number.isFinite(number)) return "-";
  return number >= 1024 ? `${(number / 1024).toFixed(1)} MB` : `${number} KB`;
}

/** `submissionTime` is epoch seconds (the original's field); everything else is ISO-8601. */
export function dateTime(value) {
  if (value === null || value === undefined || value === "") return "-";
  const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString(locale() === "ko" ? "ko-KR" : "en-US");
}

/** Test data as a student would type it: stdin text as is, anything else as JSON. */
export function preview(value) {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return JSON.stringify(value);
}
