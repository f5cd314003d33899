// The tutor panel of the solve page (POST /chatbot): questions in, hints streamed back and shown as
// Markdown through the one safe renderer, on a four-rung ladder the student climbs with "next
// hint"; after a failing submission, "explain my failing case" sends that grading. "Stop" aborts
// the request, which stops the model too. The conversation is kept per problem while the app is
// open, so a redraw of the page (a change of language) keeps it.
import { ApiError, openStream } from "../api.js";
import { canExplain, chatBody, chatFrame, levelFor, TOP_LEVEL } from "../chat.js";
import { h, markdownBlock, replace } from "../dom.js";
import { t } from "../i18n.js";
import { refusalLines } from "../refusal.js";
import { session } from "../session.js";
import { readEvents } from "../sse.js";

/** problemId → { turns: [{role, content, state?, note?}], level, grade, view } */
const conversations = new Map();
let running = null;
const FOLLOW_PX = 48;

function conversation(problemId) {
  if (!conversations.has(problemId)) conversations.set(problemId, { turns: [], level: 1, grade: null, view: null });
  return conversations.get(problemId);
}

/**
 * The panel for `problem`; `code()` reads the editor. Returns the element and `graded(result)`,
 * which the page calls after each submission.
 */
export function tutorPanel(problem, code) {
  running?.abort();
  const chat = conversation(problem.problemId);
  const section = h("section", { class: "tutor", "aria-labelledby": "tutor-title" });
  const heading = h("h2", { id: "tutor-title" }, t("tutor.title"));
  if (!session.me) {
    replace(section, heading, h("p", { class: "notice" }, t("tutor.signIn")));
    return { element: section, graded: () => {} };
  }
  const ui = panelParts();
  chat.view = { ui, draw: () => drawPanel(ui, chat) };
  const ask = (intent, message, typed = false) => {
    if (running || !message.trim()) return;
    const level = levelFor(intent, chat.level);
    const grade = intent === "explain" ? chat.grade : null;
    const body = chatBody({ message, problem, code: code(), turns: chat.turns, level, grade });
    answer(chat, body, typed);
  };
  ui.form.addEventListener("submit", (event) => {
    event.preventDefault();
    ask("ask", ui.question.value, true);
  });
  // Before any answer the button asks for a first hint; after one, for the next rung.
  ui.next.addEventListener("click", () =>
    chat.turns.length ? ask("next", t("tutor.nextMessage")) : ask("ask", t("tutor.hintMessage")),
  );
  ui.explain.addEventListener("click", () => ask("explain", t("tutor.explainMessage")));
  ui.stop.addEventListener("click", () => {
    running?.abort();
    ui.question.focus();
  });
  replace(
    section,
    heading,
    h("p", { class: "muted small" }, t("tutor.intro")),
    ui.level,
    ui.log,
    ui.status,
    ui.alert,
    ui.form,
  );
  chat.view.draw();
  return {
    element: section,
    graded: (grade) => {
      chat.grade = canExplain(grade) ? grade : null;
      chat.view.draw();
    },
  };
}

function panelParts() {
  const question = h("textarea", { id: "tutor-question", name: "question", rows: 3, maxlength: 4000 });
  const send = h("button", { type: "submit" }, t("tutor.ask"));
  const next = h("button", { type: "button", class: "secondary" }, t("tutor.next"));
  const explain = h("button", { type: "button", class: "secondary" }, t("tutor.explain"));
  const stop = h("button", { type: "button", class: "danger", hidden: true }, t("tutor.stop"));
  const form = h(
    "form",
    { class: "stack tutor-form", "aria-label": t("tutor.title") },
    h("label", { for: "tutor-question" }, t("tutor.question")),
    question,
    h("div", { class: "actions" }, send, next, explain, stop),
  );
  // Ctrl+Enter asks, as it submits code in the editor.
  question.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  return {
    form,
    question,
    send,
    next,
    explain,
    stop,
    level: h("p", { class: "tutor-level" }),
    // Focusable, so a keyboard can scroll a long conversation.
    log: h("ol", { class: "chat", "aria-label": t("tutor.conversation"), tabindex: 0 }),
    status: h("p", { class: "visually-hidden", role: "status" }),
    alert: h("div", { class: "error refusal", role: "alert" }),
  };
}

function drawPanel(ui, chat) {
  const busy = Boolean(running);
  ui.level.dataset.level = String(chat.level);
  replace(ui.level, t("tutor.level", { level: chat.level, top: TOP_LEVEL, name: t(`tutor.level.${chat.level}`) }));
  // The log follows a streaming answer unless the student scrolled up to read an earlier one.
  const { log } = ui;
  const following = ui.follow || log.scrollHeight - log.scrollTop - log.clientHeight < FOLLOW_PX;
  replace(log, chat.turns.map(turnItem));
  log.hidden = !chat.turns.length;
  if (following) log.scrollTop = log.scrollHeight;
  ui.follow = false;
  ui.send.disabled = busy;
  replace(ui.next, chat.turns.length ? t("tutor.next") : t("tutor.hint"));
  ui.next.disabled = busy || (chat.turns.length > 0 && chat.level >= TOP_LEVEL);
  ui.explain.hidden = !chat.grade;
  ui.explain.disabled = busy;
  ui.stop.hidden = !busy;
}

function turnItem(turn) {
  const mine = turn.role === "user";
  let said = null;
  if (mine) said = h("p", { class: "asked" }, turn.content);
  else if (turn.content) said = markdownBlock(turn.content);
  else if (turn.state === "streaming") said = h("p", { class: "muted" }, t("tutor.thinking"));
  return h(
    "li",
    { class: `turn ${mine ? "mine" : "tutor"}`, "data-state": mine ? null : turn.state },
    h("span", { class: "who" }, mine ? t("tutor.you") : t("tutor.bot")),
    said,
    turn.note ? h("p", { class: turn.state === "failed" ? "error small" : "muted small" }, turn.note) : null,
  );
}

async function answer(chat, body, typed) {
  const controller = new AbortController();
  running = controller;
  const reply = { role: "assistant", content: "", state: "streaming", note: "" };
  chat.turns.push({ role: "user", content: body.newMessage }, reply);
  const { ui } = chat.view;
  if (typed) ui.question.value = "";
  ui.follow = true;
  replace(ui.alert);
  replace(ui.status, t("tutor.thinking"));
  const redraw = frameThrottled(() => chat.view.draw());
  chat.view.draw();
  let refusal = null;
  try {
    const response = await openStream("/chatbot", body, controller.signal);
    for await (const event of readEvents(response)) {
      if (!chat.view.ui.log.isConnected) controller.abort();
      const frame = chatFrame(event.data);
      if (frame.kind === "level") chat.level = frame.level;
      else if (frame.kind === "token") reply.content += frame.text;
      else if (frame.kind === "error") settle(reply, "failed", t("tutor.failed", { message: frame.message }));
      else if (frame.kind === "done") settle(reply, "done");
      redraw();
      if (frame.kind === "error" || frame.kind === "done") break;
    }
    settle(reply, "failed", t("tutor.interrupted"));
  } catch (error) {
    if (controller.signal.aborted) settle(reply, "stopped", t("tutor.stopped"));
    else if (error instanceof ApiError) refusal = error;
    else settle(reply, "failed", t("tutor.interrupted"));
  }
  if (running === controller) running = null;
  const view = chat.view.ui;
  if (refusal) {
    // Refused before the stream (400, 401, 429): the question was not asked, and goes back in the box.
    chat.turns.splice(chat.turns.indexOf(reply) - 1, 2);
    if (typed && !view.question.value) view.question.value = body.newMessage;
    replace(view.status);
    replace(
      view.alert,
      refusalLines(refusal).map((line) => h("p", {}, line)),
    );
    view.alert.dataset.status = String(refusal.status);
  } else replace(view.status, reply.state === "done" ? t("tutor.answered") : reply.note);
  chat.view.draw();
}

/** Settles the reply once: the first ending (done, error, stop, a cut stream) wins. */
function settle(reply, state, note = "") {
  if (reply.state !== "streaming") return;
  reply.state = state;
  reply.note = note;
}

/** `draw` at most once a frame: a fast stream re-renders its Markdown per frame, not per token. */
function frameThrottled(draw) {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      draw();
    });
  };
}
