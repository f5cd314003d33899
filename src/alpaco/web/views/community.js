// The community board: paged posts, one post with its comments, writing, editing and deleting posts
// and comments, likes.
import { del, get, patch, post } from "../api.js";
import { append, attempt, h, loading, markdownBlock, onSubmit, replace } from "../dom.js";
import { dateTime } from "../format.js";
import { loadPages } from "../paging.js";
import { session } from "../session.js";

const POSTS_PER_PAGE = 10;
const COMMENTS_PER_PAGE = 20;

const postHref = (postId) => `#/community/${encodeURIComponent(postId)}`;
/** The server decides; this only hides buttons that would be refused. */
const mayChange = (item) => Boolean(session.me && (session.me.userId === item.userId || session.me.groups?.includes("Admins")));

export async function postList(page) {
  const list = h("ul", { class: "posts" });
  const more = h("div", { class: "more" });
  append(page, [
    h("div", { class: "heading-row" }, h("h1", {}, "커뮤니티"), session.me ? h("a", { class: "button", href: "#/community/new" }, "글쓰기") : null),
    session.me ? null : h("p", { class: "notice" }, "글을 쓰거나 댓글, 좋아요를 남기려면 로그인하세요."),
    list,
    more,
  ]);
  await loadPages(list, more, { path: "/community", query: { pageSize: POSTS_PER_PAGE }, render: postItem });
  if (!list.childElementCount) replace(list, h("li", { class: "muted" }, "아직 글이 없습니다."));
}

function postItem(item) {
  return h(
    "li",
    { class: "post-item" },
    h("span", { class: "badge neutral" }, item.problemId ? "문제연관" : "자유"),
    h("a", { href: postHref(item.postId) }, item.title),
    h("span", { class: "muted small" }, ` ${item.author} · ${dateTime(item.createdAt)} · 좋아요 ${item.likesCount ?? 0} · 댓글 ${item.commentCount ?? 0}`),
  );
}

export async function postPage(page, postId) {
  append(page, [loading()]);
  const item = await get(`/community/${encodeURIComponent(postId)}`);
  const comments = h("ul", { class: "comments" });
  const more = h("div", { class: "more" });
  const heading = h("h2", { id: "comments-title" }, `댓글 ${item.commentCount ?? 0}`);
  replace(
    page,
    h("article", { class: "post" }, postHeader(item), markdownBlock(item.content), postActions(item)),
    h("section", { "aria-labelledby": "comments-title" }, heading, comments, more, commentForm(item, comments, heading)),
    h("p", {}, h("a", { href: "#/community" }, "← 목록으로")),
  );
  await loadPages(comments, more, {
    path: `/community/${encodeURIComponent(item.postId)}/comments`,
    query: { pageSize: COMMENTS_PER_PAGE },
    key: "comments",
    render: (comment) => commentItem(item, comment, heading),
  });
}

function postHeader(item) {
  const edited = item.updatedAt && item.updatedAt !== item.createdAt ? ` (수정 ${dateTime(item.updatedAt)})` : "";
  return h(
    "header",
    {},
    h("h1", {}, item.title),
    h(
      "p",
      { class: "muted" },
      `${item.author} · ${dateTime(item.createdAt)}${edited}`,
      item.problemId ? [" · ", h("a", { href: `#/problems/${encodeURIComponent(item.problemId)}` }, "연관 문제 보기")] : null,
    ),
  );
}

function postActions(item) {
  const like = h("button", { type: "button", class: "toggle", "aria-pressed": String(Boolean(item.isLiked)) });
  const count = h("span", {}, String(item.likesCount ?? 0));
  const message = h("span", { class: "error", role: "alert" });
  append(like, ["좋아요 ", count]);
  like.addEventListener("click", () => {
    if (!session.me) return replace(message, "좋아요를 누르려면 로그인하세요.");
    return attempt(like, message, async () => {
      const result = await post(`/community/${encodeURIComponent(item.postId)}/like`);
      like.setAttribute("aria-pressed", String(result.isLiked));
      replace(count, String(result.likesCount));
    });
  });
  const owner = mayChange(item);
  return h(
    "div",
    { class: "actions" },
    like,
    owner ? h("a", { class: "button secondary", href: `${postHref(item.postId)}/edit` }, "수정") : null,
    owner ? deleteButton(item, message) : null,
    message,
  );
}

function deleteButton(item, message) {
  const button = h("button", { type: "button", class: "danger" }, "삭제");
  button.addEventListener("click", () => {
    if (!window.confirm("이 글과 댓글을 모두 삭제할까요?")) return;
    attempt(button, message, async () => {
      await del(`/community/${encodeURIComponent(item.postId)}`);
      window.location.hash = "#/community";
    });
  });
  return button;
}

function commentItem(item, comment, heading) {
  const byline = h("p", { class: "muted small" }, `${comment.author} · ${dateTime(comment.createdAt)}`);
  const entry = h("li", { class: "comment" }, byline, markdownBlock(comment.content));
  if (!mayChange(comment)) return entry;
  const button = h("button", { type: "button", class: "link danger" }, "삭제");
  const message = h("span", { class: "error", role: "alert" });
  button.addEventListener("click", () => {
    if (!window.confirm("이 댓글을 삭제할까요?")) return;
    attempt(button, message, async () => {
      await del(`/community/${encodeURIComponent(item.postId)}/comments/${encodeURIComponent(comment.commentId)}`);
      entry.remove();
      item.commentCount = Math.max(0, (item.commentCount ?? 1) - 1);
      replace(heading, `댓글 ${item.commentCount}`);
    });
  });
  append(byline, [" · ", button, message]);
  return entry;
}

function commentForm(item, list, heading) {
  if (!session.me) return h("p", { class: "notice" }, "댓글을 쓰려면 로그인하세요.");
  const content = h("textarea", { id: "comment-content", rows: 3, maxlength: 2000, required: true });
  const button = h("button", { type: "submit" }, "댓글 등록");
  const message = h("p", { class: "error", role: "alert" });
  const form = h("form", { class: "stack" }, h("label", { for: "comment-content" }, "댓글 (Markdown)"), content, button, message);
  onSubmit(form, button, message, async () => {
    const comment = await post(`/community/${encodeURIComponent(item.postId)}/comments`, { content: content.value });
    append(list, [commentItem(item, comment, heading)]);
    item.commentCount = (item.commentCount ?? 0) + 1;
    replace(heading, `댓글 ${item.commentCount}`);
    content.value = "";
  });
  return form;
}

export async function newPostPage(page, query) {
  append(page, [h("h1", {}, "글쓰기")]);
  if (!session.me) return append(page, [h("p", { class: "notice" }, "글을 쓰려면 로그인하세요.")]);
  const draft = await shareDraft(query);
  append(page, [
    postForm(draft, "등록", async (body) => {
      if (!body.problemId) delete body.problemId;
      const created = await post("/community", body);
      window.location.hash = postHref(created.postId);
    }),
  ]);
}

export async function editPostPage(page, postId) {
  append(page, [h("h1", {}, "글 수정")]);
  if (!session.me) return append(page, [h("p", { class: "notice" }, "글을 고치려면 로그인하세요.")]);
  const item = await get(`/community/${encodeURIComponent(postId)}`);
  if (!mayChange(item)) return append(page, [h("p", { class: "notice" }, "이 글을 고칠 권한이 없습니다.")]);
  const draft = { title: item.title, content: item.content, problemId: item.problemId || "" };
  append(page, [
    postForm(draft, "저장", async (body) => {
      await patch(`/community/${encodeURIComponent(postId)}`, { ...body, problemId: body.problemId || null });
      window.location.hash = postHref(postId);
    }),
    h("p", {}, h("a", { href: postHref(postId) }, "← 글로 돌아가기")),
  ]);
}

/** The title, related problem id and Markdown body of a post, handed to `save` on submit. */
function postForm(draft, label, save) {
  const title = h("input", { id: "post-title", required: true, maxlength: 200, value: draft.title });
  const problemId = h("input", { id: "post-problem", maxlength: 128, value: draft.problemId });
  const content = h("textarea", { id: "post-content", rows: 14, required: true, maxlength: 20000, value: draft.content });
  const button = h("button", { type: "submit" }, label);
  const message = h("p", { class: "error", role: "alert" });
  const form = h(
    "form",
    { class: "stack" },
    h("label", { for: "post-title" }, "제목"),
    title,
    h("label", { for: "post-problem" }, "연관 문제 ID (선택)"),
    problemId,
    h("label", { for: "post-content" }, "내용 (Markdown)"),
    content,
    button,
    message,
  );
  onSubmit(form, button, message, () => save({ title: title.value, content: content.value, problemId: problemId.value.trim() }));
  return form;
}

/** "풀이 공유": a submission's code becomes a draft post about its problem. */
async function shareDraft(query) {
  const draft = { title: "", content: "", problemId: query.get("problemId") || "" };
  const submissionId = query.get("submissionId");
  if (!submissionId) return draft;
  try {
    const item = await get(`/submissions/${encodeURIComponent(submissionId)}`);
    draft.problemId = item.problemId || draft.problemId;
    draft.title = `${item.problemTitleTranslated || item.problemTitle || "문제"} 풀이 공유`;
    draft.content = item.userCode ? `풀이를 공유합니다.\n\n${codeFence(item.userCode)}\n` : "";
  } catch {
    // The draft simply starts empty when the submission cannot be read.
  }
  return draft;
}

function codeFence(code) {
  const longest = Math.max(0, ...(code.match(/`+/g) || []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}python\n${code.trimEnd()}\n${fence}`;
}
