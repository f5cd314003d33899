// The community board: paged posts, one post with its comments, writing (with a preview), editing and
// deleting posts and comments, likes.
import { del, get, patch, post } from "../api.js";
import { append, attempt, h, loading, markdownBlock, onSubmit, replace, toggleGroup } from "../dom.js";
import { dateTime } from "../format.js";
import { t } from "../i18n.js";
import { codeFence } from "../markdown.js";
import { loadPages } from "../paging.js";
import { session } from "../session.js";

const POSTS_PER_PAGE = 10;
const COMMENTS_PER_PAGE = 20;

const postHref = (postId) => `#/community/${encodeURIComponent(postId)}`;
/** The server decides; this only hides buttons that would be refused. */
const mayChange = (item) =>
  Boolean(session.me && (session.me.userId === item.userId || session.me.groups?.includes("Admins")));

export async function postList(page) {
  const list = h("ul", { class: "posts" });
  const more = h("div", { class: "more" });
  append(page, [
    h(
      "div",
      { class: "heading-row" },
      h("h1", {}, t("community.title")),
      session.me ? h("a", { class: "button", href: "#/community/new" }, t("community.write")) : null,
    ),
    session.me ? null : h("p", { class: "notice" }, t("community.signIn")),
    list,
    more,
  ]);
  await loadPages(list, more, { path: "/community", query: { pageSize: POSTS_PER_PAGE }, render: postItem });
  if (!list.childElementCount) replace(list, h("li", { class: "muted" }, t("community.empty")));
}

function postItem(item) {
  const stats = t("community.stats", { likes: item.likesCount ?? 0, comments: item.commentCount ?? 0 });
  return h(
    "li",
    { class: "post-item" },
    h("span", { class: "badge neutral" }, item.problemId ? t("community.kind.problem") : t("community.kind.free")),
    h("a", { href: postHref(item.postId) }, item.title),
    h("span", { class: "muted small" }, ` ${item.author} · ${dateTime(item.createdAt)} · ${stats}`),
  );
}

export async function postPage(page, postId) {
  append(page, [loading()]);
  const item = await get(`/community/${encodeURIComponent(postId)}`);
  const comments = h("ul", { class: "comments" });
  const more = h("div", { class: "more" });
  const heading = h("h2", { id: "comments-title" }, t("community.comments", { n: item.commentCount ?? 0 }));
  replace(
    page,
    h("article", { class: "post" }, postHeader(item), markdownBlock(item.content), postActions(item)),
    h(
      "section",
      { "aria-labelledby": "comments-title" },
      heading,
      comments,
      more,
      commentForm(item, comments, heading),
    ),
    h("p", {}, h("a", { href: "#/community" }, t("community.back"))),
  );
  await loadPages(comments, more, {
    path: `/community/${encodeURIComponent(item.postId)}/comments`,
    query: { pageSize: COMMENTS_PER_PAGE },
    key: "comments",
    render: (comment) => commentItem(item, comment, heading),
  });
}

function postHeader(item) {
  const edited =
    item.updatedAt && item.updatedAt !== item.createdAt
      ? t("community.edited", { time: dateTime(item.updatedAt) })
      : "";
  return h(
    "header",
    {},
    h("h1", {}, item.title),
    h(
      "p",
      { class: "muted" },
      `${item.author} · ${dateTime(item.createdAt)}${edited}`,
      item.problemId
        ? [" · ", h("a", { href: `#/problems/${encodeURIComponent(item.problemId)}` }, t("community.related"))]
        : null,
    ),
  );
}

function postActions(item) {
  const like = h("button", { type: "button", class: "toggle like", "aria-pressed": String(Boolean(item.isLiked)) });
  const count = h("span", { class: "like-count" }, String(item.likesCount ?? 0));
  const message = h("span", { class: "error", role: "alert" });
  append(like, [`${t("community.like")} `, count]);
  like.addEventListener("click", () => {
    if (!session.me) return replace(message, t("community.likeSignIn"));
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
    owner ? h("a", { class: "button secondary", href: `${postHref(item.postId)}/edit` }, t("community.edit")) : null,
    owner ? deleteButton(item, message) : null,
    message,
  );
}

function deleteButton(item, message) {
  const button = h("button", { type: "button", class: "danger" }, t("community.delete"));
  button.addEventListener("click", () => {
    if (!window.confirm(t("community.confirmDeletePost"))) return;
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
  const button = h("button", { type: "button", class: "link danger" }, t("community.delete"));
  const message = h("span", { class: "error", role: "alert" });
  button.addEventListener("click", () => {
    if (!window.confirm(t("community.confirmDeleteComment"))) return;
    attempt(button, message, async () => {
      await del(`/community/${encodeURIComponent(item.postId)}/comments/${encodeURIComponent(comment.commentId)}`);
      entry.remove();
      item.commentCount = Math.max(0, (item.commentCount ?? 1) - 1);
      replace(heading, t("community.comments", { n: item.commentCount }));
    });
  });
  append(byline, [" · ", button, message]);
  return entry;
}

function commentForm(item, list, heading) {
  if (!session.me) return h("p", { class: "notice" }, t("community.commentSignIn"));
  const content = h("textarea", { id: "comment-content", rows: 3, maxlength: 2000, required: true });
  const button = h("button", { type: "submit" }, t("community.commentSubmit"));
  const message = h("p", { class: "error", role: "alert" });
  const form = h(
    "form",
    { class: "stack" },
    h("label", { for: "comment-content" }, t("community.commentLabel")),
    content,
    button,
    message,
  );
  onSubmit(form, button, message, async () => {
    const comment = await post(`/community/${encodeURIComponent(item.postId)}/comments`, { content: content.value });
    append(list, [commentItem(item, comment, heading)]);
    item.commentCount = (item.commentCount ?? 0) + 1;
    replace(heading, t("community.comments", { n: item.commentCount }));
    content.value = "";
  });
  return form;
}

export async function newPostPage(page, query) {
  append(page, [h("h1", {}, t("community.newTitle"))]);
  if (!session.me) return append(page, [h("p", { class: "notice" }, t("community.postSignIn"))]);
  const draft = await shareDraft(query);
  append(page, [
    postForm(draft, t("community.publish"), async (body) => {
      if (!body.problemId) delete body.problemId;
      const created = await post("/community", body);
      window.location.hash = postHref(created.postId);
    }),
  ]);
}

export async function editPostPage(page, postId) {
  append(page, [h("h1", {}, t("community.editTitle"))]);
  if (!session.me) return append(page, [h("p", { class: "notice" }, t("community.editSignIn"))]);
  const item = await get(`/community/${encodeURIComponent(postId)}`);
  if (!mayChange(item)) return append(page, [h("p", { class: "notice" }, t("community.notOwner"))]);
  const draft = { title: item.title, content: item.content, problemId: item.problemId || "" };
  append(page, [
    postForm(draft, t("community.save"), async (body) => {
      await patch(`/community/${encodeURIComponent(postId)}`, { ...body, problemId: body.problemId || null });
      window.location.hash = postHref(postId);
    }),
    h("p", {}, h("a", { href: postHref(postId) }, t("community.backToPost"))),
  ]);
}

/** The title, related problem id and Markdown body of a post, handed to `save` on submit. */
function postForm(draft, label, save) {
  const title = h("input", { id: "post-title", required: true, maxlength: 200, value: draft.title });
  const problemId = h("input", { id: "post-problem", maxlength: 128, value: draft.problemId });
  const content = h("textarea", {
    id: "post-content",
    rows: 14,
    required: true,
    maxlength: 20000,
    value: draft.content,
  });
  const button = h("button", { type: "submit" }, label);
  const message = h("p", { class: "error", role: "alert" });
  const form = h(
    "form",
    { class: "stack" },
    h("label", { for: "post-title" }, t("form.title")),
    title,
    h("label", { for: "post-problem" }, t("form.problem")),
    problemId,
    h("label", { for: "post-content" }, t("form.content")),
    contentEditor(content),
    button,
    message,
  );
  onSubmit(form, button, message, () =>
    save({ title: title.value, content: content.value, problemId: problemId.value.trim() }),
  );
  return form;
}

/** The Markdown textarea with "Write | Preview": the preview is what readers will see. */
function contentEditor(content) {
  const preview = h("div", { class: "preview", id: "post-preview", hidden: true });
  const views = [
    ["write", t("form.write")],
    ["preview", t("form.preview")],
  ];
  const toggle = toggleGroup(t("form.view"), views, "write", (mode) => {
    const previewing = mode === "preview";
    content.hidden = previewing;
    preview.hidden = !previewing;
    if (!previewing) return;
    const text = content.value.trim()
      ? markdownBlock(content.value)
      : h("p", { class: "muted" }, t("form.previewEmpty"));
    replace(preview, text);
  });
  return h("div", { class: "content-editor" }, toggle, content, preview);
}

/** "풀이 공유": a submission's code becomes a draft post about its problem. */
async function shareDraft(query) {
  const draft = { title: "", content: "", problemId: query.get("problemId") || "" };
  const submissionId = query.get("submissionId");
  if (!submissionId) return draft;
  try {
    const item = await get(`/submissions/${encodeURIComponent(submissionId)}`);
    draft.problemId = item.problemId || draft.problemId;
    draft.title = t("share.title", { title: item.problemTitleTranslated || item.problemTitle || t("share.problem") });
    draft.content = item.userCode ? `${t("share.body")}\n\n${codeFence(item.userCode, "python")}\n` : "";
  } catch {
    // The draft simply starts empty when the submission cannot be read.
  }
  return draft;
}
