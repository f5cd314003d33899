// Grading results as a verdict banner and a per-case table (shared by the solve and submission pages).
// Each verdict also sits in a data-status attribute, in the API's own words, for tests and styles.
import { h, labelledPre } from "../dom.js";
import { kilobytes, preview, seconds, verdictClass, verdictLabel } from "../format.js";
import { t } from "../i18n.js";

/** A verdict as a badge; `crashed` (a result with `exceptionType`, `exceptionLine`) adds where it crashed. */
export function verdictBadge(status, crashed = null) {
  const crash = crashed?.exceptionType ? ` · ${crashText(crashed)}` : "";
  return h(
    "span",
    { class: `badge ${verdictClass(status)}`, "data-status": status },
    `${verdictLabel(status)}${crash}`,
  );
}

export const runStatus = (run) => verdictBadge(run.status, run);

function crashText(result) {
  return result.exceptionLine
    ? t("result.crashLine", { type: result.exceptionType, line: result.exceptionLine })
    : result.exceptionType;
}

/** The banner, then `extra` (what the solve page offers after it), then the per-case table. */
export function gradeResult(data, extra = null) {
  const passed = data.passedCaseCount ?? (data.results || []).filter((r) => r.status === "ACCEPTED").length;
  const total = data.totalCaseCount ?? (data.results || []).length;
  return [
    h(
      "div",
      { class: `verdict ${verdictClass(data.status)}`, "data-status": data.status, "data-score": data.score ?? 0 },
      h("strong", { class: "verdict-name" }, verdictLabel(data.status)),
      h("span", {}, t("result.score", { score: data.score ?? 0 })),
      h("span", {}, t("result.passed", { passed, total })),
      h("span", {}, t("result.time", { time: seconds(data.executionTime) })),
      h("span", {}, t("result.memory", { memory: kilobytes(data.memoryKb) })),
    ),
    data.errorMessage ? h("p", { class: "muted" }, data.errorMessage) : null,
    extra,
    data.results?.length ? caseTable(data.results) : null,
  ];
}

function caseTable(results) {
  const columns = ["case", "verdict", "time", "memory", "details"].map((name) =>
    h("th", { scope: "col" }, t(`result.col.${name}`)),
  );
  return h(
    "table",
    { class: "list cases" },
    h("caption", {}, t("result.caption")),
    h("thead", {}, h("tr", {}, columns)),
    h("tbody", {}, results.map(caseRow)),
  );
}

function caseRow(result) {
  return h(
    "tr",
    { "data-status": result.status },
    h("td", {}, String(result.caseNumber)),
    h("td", {}, verdictBadge(result.status)),
    h("td", {}, seconds(result.executionTime)),
    h("td", {}, kilobytes(result.memoryKb)),
    h(
      "td",
      {},
      result.exceptionType ? h("div", {}, crashText(result)) : null,
      result.isSample ? sampleDetails(result) : h("span", { class: "muted" }, t("result.hidden")),
    ),
  );
}

function sampleDetails(result) {
  const actual = result.actualOutput === null || result.actualOutput === undefined ? "" : preview(result.actualOutput);
  return h(
    "details",
    {},
    h("summary", {}, t("result.sample")),
    labelledPre(t("io.input"), preview(result.input)),
    labelledPre(t("io.expected"), preview(result.expectedOutput)),
    labelledPre(t("io.actual"), actual),
    result.stderr ? labelledPre(t("io.error"), result.stderr) : null,
  );
}
