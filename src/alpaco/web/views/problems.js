// The problem list: title search, difficulty filter, and "more" pages through lastEvaluatedKey.
import { append, errorBox, h, loading, replace } from "../dom.js";
import { difficultyLabel } from "../format.js";
import { loadPages } from "../paging.js";

const PAGE_SIZE = 20;
const filters = { title: "", difficulty: "" };

export function problemList(page) {
  const title = h("input", { id: "problem-title", type: "search", value: filters.title, maxlength: 100 });
  const difficulty = h(
    "select",
    { id: "problem-difficulty" },
    h("option", { value: "" }, "전체"),
    ["Easy", "Medium", "Hard"].map((level) => h("option", { value: level }, difficultyLabel(level))),
  );
  difficulty.value = filters.difficulty;
  const form = h(
    "form",
    { class: "filters", role: "search", "aria-label": "문제 검색" },
    h("label", { for: "problem-title" }, "제목 검색"),
    title,
    h("label", { for: "problem-difficulty" }, "난이도"),
    difficulty,
    h("button", { type: "submit" }, "검색"),
  );
  const results = h("div", { "aria-live": "polite" });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    filters.title = title.value.trim();
    filters.difficulty = difficulty.value;
    showResults(results);
  });
  append(page, [h("h1", {}, "문제"), form, results]);
  showResults(results);
}

function showResults(results) {
  const body = h("tbody");
  const table = h(
    "table",
    { class: "list" },
    h("caption", { class: "visually-hidden" }, "문제 목록"),
    h("thead", {}, h("tr", {}, ["제목", "난이도", "태그", "입출력", "정답률"].map((name) => h("th", { scope: "col" }, name)))),
    body,
  );
  const more = h("div", { class: "more" });
  replace(results, loading());
  const query = { title: filters.title, difficulty: filters.difficulty, pageSize: PAGE_SIZE };
  loadPages(body, more, { path: "/problems", query, render: problemRow })
    .then(() => {
      const empty = !body.rows.length && !more.childElementCount;
      replace(results, empty ? h("p", {}, "조건에 맞는 문제가 없습니다.") : [table, more]);
    })
    .catch((error) => replace(results, errorBox(error)));
}

function problemRow(problem) {
  const href = `#/problems/${encodeURIComponent(problem.problemId)}`;
  const rate = problem.submissionCount ? `${Math.round((100 * (problem.acceptedCount || 0)) / problem.submissionCount)}%` : "-";
  return h(
    "tr",
    {},
    h(
      "td",
      {},
      h("a", { href }, problem.title_translated || problem.title),
      problem.title_translated && problem.title ? h("span", { class: "muted sub" }, problem.title) : null,
    ),
    h("td", {}, h("span", { class: `badge ${String(problem.difficulty).toLowerCase()}` }, difficultyLabel(problem.difficulty))),
    h("td", {}, (problem.tags || []).join(", ")),
    h("td", {}, problem.mode === "stdio" ? "표준 입출력" : "함수"),
    h("td", {}, rate),
  );
}
