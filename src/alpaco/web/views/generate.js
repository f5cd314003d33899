// Generate a problem: a prompt, a difficulty and a mode in; the live progress of POST /generate's
// stream out, with a cancel button (aborting the request makes the server cancel the pipeline) and
// a link to the new problem. The running generation outlives a redraw of the page (a change of
// language, a visit to another page and back); signing out cancels it.
import { ApiError, openStream } from "../api.js";
import { append, h, replace } from "../dom.js";
import { difficultyLabel } from "../format.js";
import { applyEvent, cancelGeneration, endGeneration, startGeneration } from "../generation.js";
import { has, t } from "../i18n.js";
import { refusalLines } from "../refusal.js";
import { onSessionChange, session } from "../session.js";
import { readEvents } from "../sse.js";

const MAX_PROMPT_CHARS = 2000;
const DIFFICULTIES = ["Easy", "Medium", "Hard"];
const MODES = ["function", "stdio"];
/** What the form holds, kept while the app is open. */
const draft = { prompt: "", difficulty: "Easy", mode: "function" };
/** The generation of this tab: `{state, controller, refusal}`, and the view that shows it. */
let job = null;
let shown = null;

onSessionChange(() => {
  job?.controller.abort();
  job = null;
});

export function generatePage(page) {
  append(page, [h("h1", {}, t("generate.title"))]);
  if (!session.me) return append(page, [h("p", { class: "notice" }, t("generate.signIn"))]);
  const progress = progressParts();
  const refusal = h("div", { class: "outcome bad refusal", role: "alert" });
  const form = generateForm();
  append(page, [h("p", { class: "muted" }, t("generate.intro")), form.element, refusal, progress.section]);
  // On an update, focus that would be lost with a button that hides or is disabled moves on: to
  // Cancel while running, then to the new problem's link, or back to the prompt.
  shown = (update = false) => {
    const phase = job?.state.phase;
    const lost = update && form.holdsFocus();
    form.running(phase === "running");
    drawRefusal(refusal, phase === "refused" ? job.refusal : null);
    drawJob(progress);
    if (!lost) return;
    if (phase === "running") form.cancel.focus();
    else if (phase === "done") progress.result.querySelector("a")?.focus();
    else form.prompt.focus();
  };
  shown();
}

function generateForm() {
  const prompt = h("textarea", {
    id: "generate-prompt",
    name: "prompt",
    rows: 4,
    required: true,
    maxlength: MAX_PROMPT_CHARS,
    "aria-describedby": "generate-prompt-help",
    value: draft.prompt,
  });
  prompt.addEventListener("input", () => {
    draft.prompt = prompt.value;
  });
  const submit = h("button", { type: "submit" }, t("generate.submit"));
  const cancel = h("button", { type: "button", class: "danger", hidden: true }, t("generate.cancel"));
  cancel.addEventListener("click", () => {
    job?.controller.abort();
    prompt.focus();
  });
  const element = h(
    "form",
    { class: "stack generate-form", "aria-label": t("generate.title") },
    h("label", { for: "generate-prompt" }, t("generate.prompt")),
    prompt,
    h("p", { id: "generate-prompt-help", class: "muted small" }, t("generate.promptHelp")),
    choices("difficulty", t("generate.difficulty"), DIFFICULTIES, difficultyLabel),
    choices("mode", t("generate.mode"), MODES, (mode) => t(`generate.mode.${mode}`)),
    h("div", { class: "actions" }, submit, cancel),
  );
  element.addEventListener("submit", (event) => {
    event.preventDefault();
    if (job?.state.phase !== "running") generate({ ...draft });
  });
  const running = (yes) => {
    submit.disabled = yes;
    cancel.hidden = !yes;
  };
  const holdsFocus = () => [document.body, submit, cancel, null].includes(document.activeElement);
  return { element, running, holdsFocus, prompt, cancel };
}

/** A group of radio buttons for one field of the draft. */
function choices(field, legend, values, label) {
  const options = values.map((value) => {
    const id = `generate-${field}-${value}`;
    const input = h("input", { type: "radio", id, name: field, value, checked: draft[field] === value });
    input.addEventListener("change", () => {
      if (input.checked) draft[field] = value;
    });
    return h("span", { class: "choice" }, input, h("label", { for: id }, label(value)));
  });
  return h("fieldset", { class: "choices" }, h("legend", {}, legend), options);
}

async function generate(body) {
  const current = { state: startGeneration(), controller: new AbortController(), refusal: null };
  job = current;
  const update = (state) => {
    current.state = state;
    if (job === current) shown?.(true);
  };
  update(current.state);
  try {
    const response = await openStream("/generate", body, current.controller.signal);
    for await (const event of readEvents(response)) update(applyEvent(current.state, event));
    update(endGeneration(current.state));
  } catch (error) {
    if (current.controller.signal.aborted) update(cancelGeneration(current.state));
    else if (error instanceof ApiError) {
      current.refusal = error;
      update({ ...current.state, phase: "refused" });
    } else update(endGeneration(current.state));
  }
}

/** The progress section's parts, made once per page so its live regions stay in place. */
function progressParts() {
  const parts = {
    bar: h("progress", { max: 100, value: 0, "aria-label": t("generate.progress") }),
    percent: h("span", { class: "percent" }),
    status: h("p", { class: "muted", role: "status" }),
    steps: h("ul", { class: "steps", "aria-label": t("generate.steps") }),
    result: h("div"),
    alert: h("div", { class: "outcome bad", role: "alert" }),
  };
  parts.section = h(
    "section",
    { class: "generation", "aria-labelledby": "generation-title", hidden: true },
    h("h2", { id: "generation-title" }, t("generate.progressTitle")),
    h("div", { class: "progress-row" }, parts.bar, parts.percent),
    parts.status,
    parts.steps,
    parts.result,
    parts.alert,
  );
  return parts;
}

function drawJob(parts) {
  parts.section.hidden = !job || job.state.phase === "refused";
  if (parts.section.hidden) return;
  const { state } = job;
  parts.bar.value = state.progress;
  replace(parts.percent, `${state.progress}%`);
  replace(parts.status, statusLine(state));
  replace(
    parts.steps,
    state.steps.map((step) => stepItem(step, state)),
  );
  parts.steps.hidden = !state.steps.length;
  replace(parts.result, result(state));
  replace(parts.alert, failure(state));
}

function statusLine(state) {
  if (state.phase === "done") return t("generate.done");
  if (state.phase === "cancelled") return t("generate.cancelled");
  if (state.phase !== "running") return "";
  return state.current ? stepName(state.current) : t("generate.starting");
}

function stepItem(step, state) {
  return h(
    "li",
    {
      "data-step": step.name,
      "data-mark": step.mark,
      "aria-current": step.name === state.current && state.phase === "running" && "step",
    },
    h("strong", {}, stepName(step.name)),
    step.message ? h("span", { class: "muted small" }, ` ${step.message}`) : null,
  );
}

const stepName = (name) => (has(`generate.step.${name}`) ? t(`generate.step.${name}`) : name);

function result(state) {
  if (state.phase === "cancelled") return h("p", { class: "outcome" }, t("generate.cancelled"));
  if (state.phase !== "done") return null;
  const href = `#/problems/${encodeURIComponent(state.result.problemId)}`;
  return h(
    "p",
    { class: "outcome good" },
    `${t("generate.done")} `,
    h("a", { href, class: "open-problem" }, t("generate.open", { title: state.result.title || "" })),
  );
}

function failure(state) {
  if (state.phase !== "failed") return null;
  return [
    h("p", {}, h("strong", {}, t("generate.failed"))),
    h("p", { class: "failure" }, state.interrupted ? t("generate.interrupted") : state.error),
    h("p", {}, h("a", { href: "#/my-problems" }, t("generate.mine"))),
  ];
}

function drawRefusal(box, error) {
  if (!error) {
    replace(box);
    delete box.dataset.status;
    return;
  }
  const labels = {
    prompt: t("generate.prompt"),
    difficulty: t("generate.difficulty"),
    mode: t("generate.mode"),
  };
  const [first, ...rest] = refusalLines(error, labels);
  box.dataset.status = String(error.status);
  replace(
    box,
    h("p", {}, h("strong", {}, first)),
    rest.length
      ? h(
          "ul",
          {},
          rest.map((line) => h("li", {}, line)),
        )
      : null,
  );
}
