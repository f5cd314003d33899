// The problem list: title search, difficulty filter, and "more" pages through lastEvaluatedKey.
import { append, errorBox, h, loading, replace } from "../dom.js";
import { difficultyLabel } from "../format.js";
import { t } from "../i18n.js";
import { loadPages } from "../paging.js";

const PAGE_SIZE = 20;
const COLUMNS = ["title", "difficulty", "tags", "mode", "rate"];
/** Kept while the app is open, so coming back from a problem shows the same search. */
const filters = { title: "", difficulty: "" };

export function problemList(page) {
  const title = h("input", { id: "problem-title", type: "search", value: filters.title, maxlength: 100 });
  const difficulty = h(
    "select",
    { id: "problem-difficulty" },
    h("option", { value: "" }, t("problems.all")),
    ["Easy", "Medium", "Hard"].map((level) => h("option", { value: level }, difficultyLabel(level))),
  );
  difficulty.value = filters.difficulty;
  const form = h(
    "form",
    { class: "filters", role: "search", "aria-label": t("problems.search") },
    h("label", { for: "problem-title" }, t("problems.titleSearch")),
    title,
    h("label", { for: "problem-difficulty" }, t("problems.difficulty")),
    difficulty,
    h("button", { type: "submit" }, t("problems.submit")),
  );
  const results = h("div", { "aria-live": "polite" });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    filters.title = title.value.trim();
    filters.difficulty = difficulty.value;
    showResults(results);
  });
  append(page, [h("h1", {}, t("problems.title")), form, results]);
  showResults(results);
}

function showResults(results) {
  const body = h("tbody");
  const table = h(
    "table",
    { class: "list problems" },
    h("caption", { class: "visually-hidden" }, t("problems.caption")),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        COLUMNS.map((name) => h("th", { scope: "col" }, t(`problems.col.${name}`))),
      ),
    ),
    body,
  );
  const more = h("div", { class: "more" });
  replace(results, loading());
  const query = { title: filters.title, difficulty: filters.difficulty, pageSize: PAGE_SIZE };
  loadPages(body, more, { path: "/problems", query, render: problemRow })
    .then(() => {
      const empty = !body.rows.length && !more.childElementCount;
      replace(results, empty ? h("p", {}, t("problems.empty")) : [table, more]);
    })
    .catch((error) => replace(results, errorBox(error)));
}

function problemRow(problem) {
  const href = `#/problems/${encodeURIComponent(problem.problemId)}`;
  const rate = problem.submissionCount
    ? `${Math.round((100 * (problem.acceptedCount || 0)) / problem.submissionCount)}%`
    : "-";
  return h(
    "tr",
    {},
    h(
      "td",
      {},
      h("a", { href }, problem.title_translated || problem.title),
      problem.title_translated && problem.title ? h("span", { class: "muted sub" }, problem.title) : null,
    ),
    h(
      "td",
      {},
      h("span", { class: `badge ${String(problem.difficulty).toLowerCase()}` }, difficultyLabel(problem.difficulty)),
    ),
    h("td", {}, (problem.tags || []).join(", ")),
    h("td", {}, problem.mode === "stdio" ? t("mode.stdio") : t("mode.function")),
    h("td", {}, rate),
  );
}
