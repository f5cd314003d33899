// "Run on your own input", without the DOM: the typed inputs turned into the request's
// customTestCases (JSON values for a function problem, stdin text for a stdio one), and each case
// of the answer read as what the page shows: refused by the validator, or run with the student's
// output beside the reference's expected output and the judge's verdict.
import { preview } from "./format.js";
import { t } from "./i18n.js";

// The grader takes at most 20 inputs per run (services/grader/bounds.py).
export const MAX_CUSTOM_CASES = 20;

/** The typed texts as inputs, or the problems that stop them from being sent (one line each). */
export function parseInputs(texts, mode) {
  const inputs = [];
  const problems = [];
  for (const [index, text] of texts.entries()) {
    const n = index + 1;
    if (mode === "stdio") {
      inputs.push(text);
    } else if (!text.trim()) {
      problems.push(t("custom.empty", { n }));
    } else {
      try {
        inputs.push(JSON.parse(text));
      } catch {
        problems.push(t("custom.notJson", { n }));
      }
    }
  }
  if (!texts.length) problems.push(t("custom.none"));
  return problems.length ? { inputs: [], problems } : { inputs, problems };
}

/** An input as the student would type it back into a box (a sample's input, to start from). */
export const inputText = (value, mode) => (mode === "stdio" && typeof value === "string" ? value : preview(value));

/**
 * One case of a RUN_CUSTOM_TESTS answer. `invalid` cases carry the validator's `reason`; run ones
 * carry `actual` (the return value, or stdout for stdio), `expected` (null when there is none,
 * with `noExpected` saying why) and `verdict` (null when there is nothing to judge against).
 */
export function customCase(result, mode) {
  const run = result?.runCodeOutput || {};
  const input = preview(result?.input);
  if (result?.inputValid === false) {
    return { invalid: true, input, reason: String(result.inputError || run.error || "") };
  }
  const stdio = mode === "stdio";
  const verdict = result?.verdict || null;
  // A reference may return None: with a verdict, a null expected output is a real one.
  const hasExpected = verdict !== null || (result?.expectedOutput !== null && result?.expectedOutput !== undefined);
  return {
    invalid: false,
    input,
    run,
    actual: run.status === "OK" ? preview(stdio ? run.stdout : run.returnValue) : "",
    printed: !stdio && run.stdout ? run.stdout : "",
    error: run.stderr || run.error || "",
    expected: hasExpected ? preview(result.expectedOutput) : null,
    noExpected: hasExpected ? null : result?.expectedError ? "referenceFailed" : "noReference",
    verdict,
  };
}
