// Grading results as a verdict banner and a per-case table (shared by the solve and submission pages).
import { h, labelledPre } from "../dom.js";
import { kilobytes, preview, seconds, verdictClass, verdictLabel } from "../format.js";

export function verdictBadge(status) {
  return h("span", { class: `badge ${verdictClass(status)}` }, verdictLabel(status));
}

export function runStatus(run) {
  const crash = run.exceptionType ? ` · ${crashText(run)}` : "";
  return h("span", { class: `badge ${verdictClass(run.status)}` }, `${verdictLabel(run.status)}${crash}`);
}

function crashText(result) {
  return result.exceptionLine ? `${result.exceptionType} (${result.exceptionLine}번째 줄)` : result.exceptionType;
}

export function gradeResult(data) {
  const passed = data.passedCaseCount ?? (data.results || []).filter((r) => r.status === "ACCEPTED").length;
  const total = data.totalCaseCount ?? (data.results || []).length;
  return [
    h(
      "div",
      { class: `verdict ${verdictClass(data.status)}` },
      h("strong", { class: "verdict-name" }, verdictLabel(data.status)),
      h("span", {}, `점수 ${data.score ?? 0} / 100`),
      h("span", {}, `통과 ${passed} / ${total}`),
      h("span", {}, `최대 시간 ${seconds(data.executionTime)}`),
      h("span", {}, `메모리 ${kilobytes(data.memoryKb)}`),
    ),
    data.errorMessage ? h("p", { class: "muted" }, data.errorMessage) : null,
    data.results?.length ? caseTable(data.results) : null,
  ];
}

function caseTable(results) {
  return h(
    "table",
    { class: "list cases" },
    h("caption", {}, "테스트 케이스별 결과"),
    h("thead", {}, h("tr", {}, ["#", "결과", "시간", "메모리", "비고"].map((name) => h("th", { scope: "col" }, name)))),
    h("tbody", {}, results.map(caseRow)),
  );
}

function caseRow(result) {
  return h(
    "tr",
    {},
    h("td", {}, String(result.caseNumber)),
    h("td", {}, verdictBadge(result.status)),
    h("td", {}, seconds(result.executionTime)),
    h("td", {}, kilobytes(result.memoryKb)),
    h("td", {}, result.exceptionType ? h("div", {}, crashText(result)) : null, result.isSample ? sampleDetails(result) : h("span", { class: "muted" }, "숨겨진 케이스")),
  );
}

function sampleDetails(result) {
  return h(
    "details",
    {},
    h("summary", {}, "예제 케이스 보기"),
    labelledPre("입력", preview(result.input)),
    labelledPre("기대 출력", preview(result.expectedOutput)),
    labelledPre("실제 출력", result.actualOutput === null || result.actualOutput === undefined ? "(없음)" : preview(result.actualOutput)),
    result.stderr ? labelledPre("에러", result.stderr) : null,
  );
}
