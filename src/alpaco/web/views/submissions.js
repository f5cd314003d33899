// My submissions: a paged list of summaries and one submission with its code and per-case results.
import { get } from "../api.js";
import { append, h, labelledPre, loading, replace } from "../dom.js";
import { dateTime, kilobytes, seconds } from "../format.js";
import { loadPages } from "../paging.js";
import { session } from "../session.js";
import { gradeResult, verdictBadge } from "./results.js";

const PAGE_SIZE = 20;

function signInNotice(page, what) {
  append(page, [h("p", { class: "notice" }, `${what}을(를) 보려면 로그인하세요.`)]);
}

export async function submissionList(page) {
  append(page, [h("h1", {}, "내 제출")]);
  if (!session.me) return signInNotice(page, "내 제출");
  const body = h("tbody");
  const more = h("div", { class: "more" });
  const holder = h("div", {}, loading());
  append(page, [holder]);
  await loadPages(body, more, { path: "/submissions", query: { userId: session.me.userId, pageSize: PAGE_SIZE }, render: submissionRow });
  const empty = !body.rows.length && !more.childElementCount;
  replace(
    holder,
    empty
      ? h("p", {}, "아직 제출한 코드가 없습니다. ", h("a", { href: "#/problems" }, "문제를 풀어 보세요."))
      : [
          h(
            "table",
            { class: "list" },
            h("caption", { class: "visually-hidden" }, "내 제출 목록"),
            h("thead", {}, h("tr", {}, ["제출 시각", "문제", "결과", "점수", "시간", "메모리"].map((name) => h("th", { scope: "col" }, name)))),
            body,
          ),
          more,
        ],
  );
}

function submissionRow(item) {
  return h(
    "tr",
    {},
    h("td", {}, h("a", { href: `#/submissions/${encodeURIComponent(item.submissionId)}` }, dateTime(item.submissionTime))),
    h("td", {}, h("a", { href: `#/problems/${encodeURIComponent(item.problemId)}` }, item.problemTitleTranslated || item.problemTitle || item.problemId)),
    h("td", {}, verdictBadge(item.status)),
    h("td", {}, item.score ?? "-"),
    h("td", {}, seconds(item.executionTime)),
    h("td", {}, kilobytes(item.memoryKb)),
  );
}

export async function submissionPage(page, submissionId) {
  append(page, [loading()]);
  const item = await get(`/submissions/${encodeURIComponent(submissionId)}`);
  const problemLink = h("a", { href: `#/problems/${encodeURIComponent(item.problemId)}` }, item.problemTitleTranslated || item.problemTitle || item.problemId);
  const share = h("a", { href: `#/community/new?submissionId=${encodeURIComponent(item.submissionId)}` }, "풀이 공유하기");
  replace(
    page,
    h("h1", {}, "제출 상세"),
    h("p", {}, problemLink, ` · ${item.author || ""} · ${dateTime(item.submissionTime)}`),
    gradeResult(item),
    item.userCode !== undefined ? [labelledPre("제출한 코드", item.userCode), h("p", {}, share)] : h("p", { class: "muted" }, "코드와 케이스별 결과는 제출한 본인만 볼 수 있습니다."),
    h("p", {}, h("a", { href: "#/submissions" }, "← 내 제출 목록")),
  );
}
