// My submissions: a paged list of summaries and one submission with its code and per-case results.
import { get } from "../api.js";
import { append, h, loading, markdownBlock, replace } from "../dom.js";
import { dateTime, kilobytes, seconds } from "../format.js";
import { t } from "../i18n.js";
import { codeFence } from "../markdown.js";
import { loadPages } from "../paging.js";
import { session } from "../session.js";
import { gradeResult, verdictBadge } from "./results.js";

const PAGE_SIZE = 20;
const COLUMNS = ["time", "problem", "verdict", "score", "runtime", "memory"];

export async function submissionList(page) {
  append(page, [h("h1", {}, t("submissions.title"))]);
  if (!session.me) return append(page, [h("p", { class: "notice" }, t("submissions.signIn"))]);
  const body = h("tbody");
  const more = h("div", { class: "more" });
  const holder = h("div", {}, loading());
  append(page, [holder]);
  await loadPages(body, more, {
    path: "/submissions",
    query: { userId: session.me.userId, pageSize: PAGE_SIZE },
    render: submissionRow,
  });
  const empty = !body.rows.length && !more.childElementCount;
  replace(
    holder,
    empty
      ? h("p", {}, `${t("submissions.empty")} `, h("a", { href: "#/problems" }, t("submissions.try")))
      : [
          h(
            "table",
            { class: "list submissions" },
            h("caption", { class: "visually-hidden" }, t("submissions.caption")),
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                COLUMNS.map((name) => h("th", { scope: "col" }, t(`submissions.col.${name}`))),
              ),
            ),
            body,
          ),
          more,
        ],
  );
}

const problemName = (item) => item.problemTitleTranslated || item.problemTitle || item.problemId;

function submissionRow(item) {
  return h(
    "tr",
    { "data-submission": item.submissionId },
    h(
      "td",
      {},
      h("a", { href: `#/submissions/${encodeURIComponent(item.submissionId)}` }, dateTime(item.submissionTime)),
    ),
    h("td", {}, h("a", { href: `#/problems/${encodeURIComponent(item.problemId)}` }, problemName(item))),
    h("td", {}, verdictBadge(item.status)),
    h("td", {}, item.score ?? "-"),
    h("td", {}, seconds(item.executionTime)),
    h("td", {}, kilobytes(item.memoryKb)),
  );
}

export async function submissionPage(page, submissionId) {
  append(page, [loading()]);
  const item = await get(`/submissions/${encodeURIComponent(submissionId)}`);
  const problemLink = h("a", { href: `#/problems/${encodeURIComponent(item.problemId)}` }, problemName(item));
  const share = h(
    "a",
    { href: `#/community/new?submissionId=${encodeURIComponent(item.submissionId)}` },
    t("submission.share"),
  );
  replace(
    page,
    h("h1", {}, t("submission.title")),
    h("p", {}, problemLink, ` · ${item.author || ""} · ${dateTime(item.submissionTime)}`),
    gradeResult(item),
    item.userCode === undefined
      ? h("p", { class: "muted" }, t("submission.private"))
      : [submittedCode(item.userCode), h("p", {}, share)],
    h("p", {}, h("a", { href: "#/submissions" }, t("submission.back"))),
  );
}

/** The code as a highlighted block, through the one Markdown renderer (no second HTML path). */
function submittedCode(code) {
  return h(
    "figure",
    { class: "pre submitted-code" },
    h("figcaption", {}, t("submission.code")),
    markdownBlock(codeFence(code, "python")),
  );
}
