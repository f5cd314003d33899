// "Find my bug", without the DOM: after which gradings it is offered, and a FIND_MY_BUG answer read
// as what the page shows (the shrunk input with both outputs, or how many tries found nothing).
import { preview } from "./format.js";

// A grading the code itself failed on some test; a compilation error has no output to compare,
// and an accepted or internal-error grading nothing to look for.
const HUNTED = new Set([
  "WRONG_ANSWER",
  "RUNTIME_ERROR",
  "TIME_LIMIT_EXCEEDED",
  "MEMORY_LIMIT_EXCEEDED",
  "OUTPUT_LIMIT_EXCEEDED",
]);
// Verdicts that leave an output to show; for the others the verdict is the student's "output".
const JUDGED = new Set(["WRONG_ANSWER", "ACCEPTED"]);

export const canFindBug = (status) => HUNTED.has(status);

const count = (value) => (Number.isInteger(value) && value >= 0 ? value : 0);

/**
 * `{ found: false, tries }`, or `{ found: true, tries, steps, verdict, input, expected, actual,
 * crash, stderr }` where `actual` is null when the code ended without an output to compare
 * (`verdict` says how) and `crash` is `{ exceptionType, exceptionLine }` or null.
 */
export function bugReport(answer) {
  const tries = count(answer?.tries);
  if (answer?.found !== true) return { found: false, tries };
  const verdict = answer.verdict || null;
  return {
    found: true,
    tries,
    steps: count(answer.shrinkSteps),
    verdict,
    input: preview(answer.input),
    expected: preview(answer.expectedOutput),
    actual: JUDGED.has(verdict) ? preview(answer.actualOutput) : null,
    crash: answer.exceptionType
      ? { exceptionType: answer.exceptionType, exceptionLine: answer.exceptionLine ?? null }
      : null,
    stderr: answer.stderr || "",
  };
}
