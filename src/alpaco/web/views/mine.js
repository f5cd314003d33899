// My problems: the problems the signed-in student generated, newest first, with those still being
// generated and those that failed (with the reason); a completed one links to its solve page.
import { append, h, loading, replace } from "../dom.js";
import { dateTime, difficultyLabel } from "../format.js";
import { generationKind } from "../generation.js";
import { t } from "../i18n.js";
import { loadPages } from "../paging.js";
import { session } from "../session.js";

const PAGE_SIZE = 20;
const COLUMNS = ["title", "difficulty", "mode", "status", "created"];

export async function myProblemList(page) {
  append(page, [
    h(
      "div",
      { class: "heading-row" },
      h("h1", {}, t("mine.title")),
      h("a", { class: "button", href: "#/generate" }, t("mine.generate")),
    ),
  ]);
  if (!session.me) return append(page, [h("p", { class: "notice" }, t("mine.signIn"))]);
  const body = h("tbody");
  const more = h("div", { class: "more" });
  const holder = h("div", {}, loading());
  append(page, [holder]);
  await loadPages(body, more, {
    path: "/problems",
    query: { creatorId: session.me.userId, pageSize: PAGE_SIZE },
    render: problemRow,
  });
  const empty = !body.rows.length && !more.childElementCount;
  replace(
    holder,
    empty
      ? h("p", {}, t("mine.empty"))
      : [
          h(
            "table",
            { class: "list my-problems" },
            h("caption", { class: "visually-hidden" }, t("mine.caption")),
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                COLUMNS.map((name) => h("th", { scope: "col" }, t(`mine.col.${name}`))),
              ),
            ),
            body,
          ),
          more,
        ],
  );
}

function problemRow(problem) {
  const kind = generationKind(problem.generationStatus);
  const title = problem.title_translated || problem.title || t("mine.untitled");
  return h(
    "tr",
    { "data-problem": problem.problemId, "data-kind": kind },
    h(
      "td",
      {},
      kind === "completed" ? h("a", { href: `#/problems/${encodeURIComponent(problem.problemId)}` }, title) : title,
      problem.title_translated && problem.title ? h("span", { class: "muted sub" }, problem.title) : null,
    ),
    h(
      "td",
      {},
      h("span", { class: `badge ${String(problem.difficulty).toLowerCase()}` }, difficultyLabel(problem.difficulty)),
    ),
    h("td", {}, problem.mode === "stdio" ? t("mode.stdio") : t("mode.function")),
    h(
      "td",
      {},
      h("span", { class: `badge ${KIND_CLASS[kind]}` }, t(`mine.status.${kind}`)),
      kind === "failed" && problem.errorMessage ? h("p", { class: "failure small" }, problem.errorMessage) : null,
    ),
    h("td", {}, dateTime(problem.createdAt)),
  );
}

const KIND_CLASS = { completed: "good", failed: "bad", running: "running" };
