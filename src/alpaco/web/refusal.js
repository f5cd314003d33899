// What a refused request tells the student, in lines: the server's message, then for a 400 each
// invalid field by its label, for a 429 when to try again, for a 401 to sign in again.
import { t } from "./i18n.js";

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** `error` is an ApiError (status, message, details, retryAfter); `labels` names body fields. */
export function refusalLines(error, labels = {}) {
  if (error?.status === 400 && Array.isArray(error.details) && error.details.length) {
    return [t("refusal.invalid"), ...error.details.map((detail) => fieldLine(detail, labels))];
  }
  const lines = [error?.message || String(error)];
  if (error?.status === 429 && error.retryAfter > 0)
    lines.push(t("refusal.retry", { wait: waitText(error.retryAfter) }));
  if (error?.status === 401) lines.push(t("refusal.signIn"));
  return lines;
}

function fieldLine(detail, labels) {
  const loc = Array.isArray(detail?.loc) ? detail.loc.filter((part) => part !== "body") : [];
  const where = labels[loc[0]] ?? (loc.join(".") || t("refusal.request"));
  // Pydantic prefixes a validator's own words with "Value error, ".
  const message = String(detail?.msg ?? "").replace(/^Value error, /, "");
  return `${where}: ${message}`;
}

/** A wait in the largest whole unit that fits, rounded up: "30초", "2분", "3시간", "2일" (or English). */
export function waitText(seconds) {
  const value = Math.max(1, Math.ceil(Number(seconds) || 0));
  if (value < MINUTE) return count("second", value);
  if (value < HOUR) return count("minute", Math.ceil(value / MINUTE));
  if (value < DAY) return count("hour", Math.ceil(value / HOUR));
  return count("day", Math.ceil(value / DAY));
}

const count = (unit, n) => t(n === 1 ? `wait.${unit}` : `wait.${unit}s`, { n });
