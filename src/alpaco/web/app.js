// Entry point: the header (menu, interface language, account) and a hash router (#/problems,
// #/problems/<id>, #/generate, #/my-problems, #/submissions, ...). A change of language or account
// redraws the page in place.
import { append, errorBox, h, onSubmit, replace, toggleGroup } from "./dom.js";
import { LOCALES, locale, onLocaleChange, setLocale, t } from "./i18n.js";
import { displayName, onSessionChange, restore, session, signIn, signOut } from "./session.js";
import { editPostPage, newPostPage, postList, postPage } from "./views/community.js";
import { generatePage } from "./views/generate.js";
import { myProblemList } from "./views/mine.js";
import { problemPage } from "./views/problem.js";
import { problemList } from "./views/problems.js";
import { submissionList, submissionPage } from "./views/submissions.js";

const ROUTES = [
  [/^\/problems$/, problemList],
  [/^\/problems\/([^/]+)$/, problemPage],
  [/^\/generate$/, generatePage],
  [/^\/my-problems$/, myProblemList],
  [/^\/submissions$/, submissionList],
  [/^\/submissions\/([^/]+)$/, submissionPage],
  [/^\/community$/, postList],
  [/^\/community\/new$/, newPostPage],
  [/^\/community\/([^/]+)$/, postPage],
  [/^\/community\/([^/]+)\/edit$/, editPostPage],
];
const LOCALE_NAMES = { ko: "한국어", en: "English" };

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
    append(page, [h("h1", {}, t("notFound.title")), h("p", {}, h("a", { href: "#/problems" }, t("notFound.back")))]);
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

/** The texts index.html holds (in Korean, for the moment before this module runs). */
function renderStatic() {
  document.documentElement.lang = locale();
  document.title = t("app.title");
  for (const element of document.querySelectorAll("[data-i18n]")) element.textContent = t(element.dataset.i18n);
  for (const element of document.querySelectorAll("[data-i18n-label]")) {
    element.setAttribute("aria-label", t(element.dataset.i18nLabel));
  }
  const options = LOCALES.map((code) => [code, LOCALE_NAMES[code], code]);
  replace(document.getElementById("locale"), toggleGroup(t("locale.label"), options, locale(), setLocale));
}

function renderAccount() {
  const box = document.getElementById("account");
  if (session.me) {
    replace(
      box,
      h("span", { class: "who" }, h("strong", {}, displayName(session.me)), ` (${session.me.username})`),
      h("button", { type: "button", class: "secondary", onclick: signOut }, t("account.signOut")),
    );
    return;
  }
  replace(box, signInForm());
}

function signInForm() {
  const username = h("input", {
    id: "signin-username",
    name: "username",
    required: true,
    autocomplete: "username",
    maxlength: 64,
  });
  const nickname = h("input", { id: "signin-nickname", name: "nickname", autocomplete: "nickname", maxlength: 64 });
  const button = h("button", { type: "submit" }, t("account.signIn"));
  const message = h("span", { class: "error", role: "alert" });
  const form = h(
    "form",
    { class: "signin", "aria-label": t("account.form") },
    h("label", { for: "signin-username" }, t("account.username")),
    username,
    h("label", { for: "signin-nickname" }, t("account.nickname")),
    nickname,
    button,
    message,
  );
  onSubmit(form, button, message, () => signIn(username.value.trim(), nickname.value.trim()));
  return form;
}

async function start() {
  renderStatic();
  await restore();
  renderAccount();
  onSessionChange(() => {
    renderAccount();
    render();
  });
  onLocaleChange(() => {
    renderStatic();
    renderAccount();
    render();
    document.querySelector("#locale [aria-pressed=true]")?.focus();
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
