// "Run on your own input" on the solve page: boxes for the student's inputs (kept per problem while
// the app is open, so a change of language keeps them) and, in the page's output, each case with
// the student's output, the reference's expected output and the judge's verdict, or the
// validator's reason for refusing it. custom.js holds the logic; this module only draws.
import { post } from "../api.js";
import { customCase, inputText, MAX_CUSTOM_CASES, parseInputs } from "../custom.js";
import { busy, errorBox, h, labelledPre, loading, replace } from "../dom.js";
import { seconds } from "../format.js";
import { t } from "../i18n.js";
import { runStatus, verdictBadge } from "./results.js";

/** problemId → { texts, open } */
const drafts = new Map();

function draftFor(problem, mode) {
  if (!drafts.has(problem.problemId)) {
    const first = problem.sampleCases?.[0];
    drafts.set(problem.problemId, { texts: [first ? inputText(first.input, mode) : ""], open: false });
  }
  return drafts.get(problem.problemId);
}

/** The panel; `code()` reads the editor, results go to `output`, `ready()` checks the sign-in. */
export function customPanel(problem, { code, output, ready }) {
  const mode = problem.mode === "stdio" ? "stdio" : "function";
  const draft = draftFor(problem, mode);
  const list = h("ol", { class: "custom-cases" });
  const message = h("div", { class: "error", role: "alert" });
  const add = h("button", { type: "button", class: "secondary" }, t("custom.add"));
  const run = h("button", { type: "button" }, t("custom.run"));
  const draw = () => {
    replace(
      list,
      [...draft.texts.keys()].map((index) => caseField(draft, index, draw, add)),
    );
    add.disabled = draft.texts.length >= MAX_CUSTOM_CASES;
  };
  add.addEventListener("click", () => {
    draft.texts.push("");
    draw();
    list.querySelector("li:last-child textarea").focus();
  });
  run.addEventListener("click", () =>
    busy(run, async () => {
      replace(message);
      const { inputs, problems } = parseInputs(draft.texts, mode);
      if (problems.length)
        replace(
          message,
          problems.map((line) => h("p", {}, line)),
        );
      else if (ready()) await runInputs(problem, mode, code(), inputs, output);
    }),
  );
  draw();
  const example = problem.sampleCases?.[0] ? inputText(problem.sampleCases[0].input, mode) : "";
  const details = h(
    "details",
    { class: "custom", open: draft.open },
    h("summary", {}, t("custom.title")),
    h("p", { id: "custom-help", class: "muted small" }, t(`custom.help.${mode}`, { example })),
    list,
    message,
    h("div", { class: "actions" }, add, run),
  );
  details.addEventListener("toggle", () => {
    draft.open = details.open;
  });
  return details;
}

function caseField(draft, index, draw, add) {
  const n = index + 1;
  const id = `custom-input-${n}`;
  const box = h("textarea", { id, rows: 3, spellcheck: "false", "aria-describedby": "custom-help" });
  box.value = draft.texts[index];
  box.addEventListener("input", () => {
    draft.texts[index] = box.value;
  });
  const remove = h("button", { type: "button", class: "link danger", "aria-label": t("custom.remove", { n }) });
  remove.append(t("custom.removeShort"));
  remove.addEventListener("click", () => {
    draft.texts.splice(index, 1);
    draw();
    add.focus();
  });
  return h(
    "li",
    {},
    h("div", { class: "heading-row" }, h("label", { for: id }, t("custom.input", { n })), remove),
    box,
  );
}

async function runInputs(problem, mode, code, inputs, output) {
  replace(output, loading(t("custom.running")));
  try {
    const data = await post("/grade", {
      problemId: problem.problemId,
      userCode: code,
      language: "python",
      executionMode: "RUN_CUSTOM_TESTS",
      customTestCases: inputs,
    });
    replace(
      output,
      h("h2", {}, t("custom.resultTitle")),
      data.results.map((result, index) => customRun(customCase(result, mode), index, mode)),
    );
  } catch (error) {
    replace(output, errorBox(error));
  }
}

function customRun(view, index, mode) {
  const title = `${t("custom.input", { n: index + 1 })}: `;
  if (view.invalid) {
    return h(
      "article",
      { class: "custom-run", "data-valid": "false" },
      h("h3", {}, title, h("span", { class: "badge bad" }, t("custom.invalid"))),
      h("p", { class: "error" }, t("custom.invalidReason", { reason: view.reason })),
      labelledPre(t("io.input"), view.input),
    );
  }
  const { run } = view;
  return h(
    "article",
    { class: "custom-run", "data-valid": "true", "data-status": run.status, "data-verdict": view.verdict },
    h(
      "h3",
      {},
      title,
      view.verdict ? verdictBadge(view.verdict, run) : runStatus(run),
      h("span", { class: "muted small" }, ` ${seconds((run.executionTimeMs ?? 0) / 1000)}`),
    ),
    labelledPre(t("io.input"), view.input),
    h(
      "div",
      { class: "io pair" },
      labelledPre(mode === "stdio" ? t("io.stdout") : t("custom.yours"), view.actual),
      labelledPre(t("io.expected"), view.expected ?? ""),
    ),
    view.expected === null ? h("p", { class: "muted small" }, t(`custom.${view.noExpected}`)) : null,
    view.printed ? labelledPre(t("io.printed"), view.printed) : null,
    view.error ? labelledPre(t("io.error"), view.error) : null,
  );
}
