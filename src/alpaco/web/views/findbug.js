// "Find my bug", offered under a failed grading: the problem's generator makes small inputs until
// the graded code and the reference disagree (up to about 10 s on the server), and the shrunk
// input is shown with both outputs side by side, or how many tries found no difference.
import { post } from "../api.js";
import { bugReport } from "../bug.js";
import { busy, errorBox, h, labelledPre, loading, replace } from "../dom.js";
import { verdictLabel } from "../format.js";
import { t } from "../i18n.js";
import { verdictBadge } from "./results.js";

/** The panel for the code that was graded (`code`, a string: the answer is about that submission). */
export function findBugPanel(problem, code) {
  const button = h("button", { type: "button", class: "secondary" }, t("bug.button"));
  const result = h("div", { class: "bug-result" });
  button.addEventListener("click", () => busy(button, () => hunt(problem, code, result)));
  return h(
    "section",
    { class: "find-bug", "aria-labelledby": "find-bug-title" },
    h("h3", { id: "find-bug-title" }, t("bug.title")),
    h("p", { class: "muted small" }, t("bug.intro")),
    button,
    result,
  );
}

async function hunt(problem, code, result) {
  replace(result, loading(t("bug.searching")));
  try {
    const answer = await post("/grade", {
      problemId: problem.problemId,
      userCode: code,
      language: "python",
      executionMode: "FIND_MY_BUG",
    });
    replace(result, bugView(bugReport(answer)));
  } catch (error) {
    // 409: the problem lacks a reference or a generator; the server says so in English.
    replace(result, errorBox(error?.status === 409 ? t("bug.unavailable") : error));
  }
}

function bugView(report) {
  if (!report.found) {
    return h(
      "div",
      { class: "bug", "data-found": "false" },
      h("p", {}, h("strong", {}, t("bug.notFound", { tries: report.tries }))),
      h("p", { class: "muted small" }, t("bug.notFoundHint")),
    );
  }
  return h(
    "div",
    { class: "bug", "data-found": "true", "data-verdict": report.verdict },
    h("p", {}, verdictBadge(report.verdict, report.crash), " ", t("bug.found", report)),
    labelledPre(t("bug.input"), report.input),
    h(
      "div",
      { class: "io pair" },
      labelledPre(t("bug.expected"), report.expected),
      labelledPre(t("bug.actual"), report.actual ?? verdictLabel(report.verdict)),
    ),
    report.stderr ? labelledPre(t("io.error"), report.stderr) : null,
  );
}
