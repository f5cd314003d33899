// Entry point: the account bar and a hash router (#/problems, #/problems/<id>, #/submissions, ...).
import { append, errorBox, h, onSubmit, replace } from "./dom.js";
import { displayName, onSessionChange, restore, session, signIn, signOut } from "./session.js";
import { problemList } from "./views/problems.js";
import { problemPage } from "./views/problem.js";
import { submissionList, submissionPage } from "./views/submissions.js";
import { editPostPage, newPostPage, postList, postPage } from "./views/community.js";

const ROUTES = [
  [/^\/problems$/, problemList],
  [/^\/problems\/([^/]+)$/, problemPage],
  [/^\/submissions$/, submissionList],
  [/^\/submissions\/([^/]+)$/, submissionPage],
  [/^\/community$/, postList],
  [/^\/community\/new$/, newPostPage],
  [/^\/community\/([^/]+)$/, postPage],
  [/^\/community\/([^/]+)\/edit$/, editPostPage],
];

function currentRoute() {
  const hash = window.location.hash.startsWith("#/") ? window.location.hash.slice(1) : "";
  const [path, search = ""] = hash.split("?");
  return { path: path || "/problems", query: new URLSearchParams(search) };
}

function render() {
  const { path, query } = currentRoute();
  const main = document.getElementById("main");
  const match = ROUTES.map(([pattern, view]) => [pattern.exec(path), view]).find(([found]) => found);
  const page = h("div", { class: "page" });
  replace(main, page);
  markNav(path);
  if (!match) {
    append(page, [h("h1", {}, "페이지를 찾을 수 없습니다"), h("p", {}, h("a", { href: "#/problems" }, "문제 목록으로"))]);
    return;
  }
  const [found, view] = match;
  const params = found.slice(1).map(decodeURIComponent);
  Promise.resolve(view(page, ...params, query)).catch((error) => {
    for (const spinner of page.querySelectorAll("[role=status]")) spinner.remove();
    append(page, [errorBox(error)]);
  });
}

function markNav(path) {
  for (const link of document.querySelectorAll("nav a")) {
    const section = link.getAttribute("href").slice(1);
    if (path.startsWith(section)) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

function renderAccount() {
  const box = document.getElementById("account");
  if (session.me) {
    replace(
      box,
      h("span", { class: "who" }, h("strong", {}, displayName(session.me)), ` (${session.me.username})`),
      h("button", { type: "button", class: "secondary", onclick: signOut }, "로그아웃"),
    );
    return;
  }
  replace(box, signInForm());
}

function signInForm() {
  const username = h("input", { id: "signin-username", name: "username", required: true, autocomplete: "username", maxlength: 64 });
  const nickname = h("input", { id: "signin-nickname", name: "nickname", autocomplete: "nickname", maxlength: 64 });
  const button = h("button", { type: "submit" }, "로그인");
  const message = h("span", { class: "error", role: "alert" });
  const form = h(
    "form",
    { class: "signin", "aria-label": "로그인 (개발용)" },
    h("label", { for: "signin-username" }, "아이디"),
    username,
    h("label", { for: "signin-nickname" }, "닉네임 (선택)"),
    nickname,
    button,
    message,
  );
  onSubmit(form, button, message, () => signIn(username.value.trim(), nickname.value.trim()));
  return form;
}

async function start() {
  await restore();
  renderAccount();
  onSessionChange(() => {
    renderAccount();
    render();
  });
  window.addEventListener("hashchange", () => {
    render();
    document.getElementById("main").focus();
  });
  document.querySelector(".skip-link").addEventListener("click", (event) => {
    event.preventDefault();
    document.getElementById("main").focus();
  });
  render();
}

start();
