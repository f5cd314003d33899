// One problem: statement (Korean or English), limits and trust card (views/trust.js), the editor,
// "Run examples", "Submit", runs on the student's own inputs (views/custom.js), "find my bug" after
// a failed grading (views/findbug.js), and the tutor (views/tutor.js), which reads the editor and
// hears of each grading.
import { get, post } from "../api.js";
import { canFindBug } from "../bug.js";
import { compareHint } from "../compare.js";
import { append, busy, errorBox, h, labelledPre, loading, markdownBlock, replace, toggleGroup } from "../dom.js";
import { codeEditor } from "../editor.js";
import { difficultyLabel, preview, seconds } from "../format.js";
import { locale, t } from "../i18n.js";
import { session } from "../session.js";
import { hasExamples } from "../statement.js";
import { customPanel } from "./custom.js";
import { findBugPanel } from "./findbug.js";
import { gradeResult, runStatus } from "./results.js";
import { trustPanel } from "./trust.js";
import { tutorPanel } from "./tutor.js";

const STATEMENT_KEY = "alpaco.statementLanguage";
const codeKey = (problemId) => `alpaco.code.${problemId}`;

export async function problemPage(page, problemId) {
  append(page, [loading()]);
  const problem = await get(`/problems/${encodeURIComponent(problemId)}`);
  const output = h("section", { class: "output", "aria-live": "polite", "aria-label": t("solve.output") });
  let tutor = null;
  const editor = editorPanel(problem, output, (grade) => tutor.graded(grade));
  tutor = tutorPanel(problem, editor.code);
  const custom = customPanel(problem, { code: editor.code, output, ready: () => requireSignIn(output) });
  replace(
    page,
    h(
      "div",
      { class: "solve" },
      h("div", { class: "statement" }, statementPanel(problem), trustPanel(problem)),
      h("div", { class: "workspace" }, editor.element, custom, output, tutor.element),
    ),
  );
}

/** The statement follows the interface language until the student picks one with its own toggle
 * (remembered for this tab only, so a new visit starts in the interface language again). */
function statementLanguage() {
  const picked = sessionStorage.getItem(STATEMENT_KEY);
  return picked === "ko" || picked === "en" ? picked : locale();
}

function statementPanel(problem) {
  const heading = h("h1", { id: "problem-title" });
  const body = h("div", { class: "statement-body" });
  const draw = (language) => {
    const korean = language === "ko";
    const title = (korean ? problem.title_translated : problem.title) || problem.title || problem.title_translated;
    const text = (korean ? problem.description_translated : problem.description) || problem.description || "";
    replace(heading, title);
    heading.lang = language;
    replace(
      body,
      markdownBlock(text, { lang: language }),
      // Statements carry their examples with explanations; the bare samples are the fallback.
      hasExamples(text) ? null : samplesPanel(problem),
    );
  };
  const languages = [
    ["ko", "한국어", "ko"],
    ["en", "English", "en"],
  ];
  const toggle = toggleGroup(t("problem.statementLanguage"), languages, statementLanguage(), (picked) => {
    sessionStorage.setItem(STATEMENT_KEY, picked);
    draw(picked);
  });
  draw(statementLanguage());
  return h("section", { "aria-labelledby": "problem-title" }, heading, toggle, problemFacts(problem), body);
}

const known = (value) => value !== null && value !== undefined && value !== "";

function problemFacts(problem) {
  const fact = (name, value) => [h("dt", {}, name), h("dd", {}, value)];
  return h(
    "dl",
    { class: "facts" },
    fact(
      t("problem.difficulty"),
      h("span", { class: `badge ${String(problem.difficulty).toLowerCase()}` }, difficultyLabel(problem.difficulty)),
    ),
    fact(
      t("problem.timeLimit"),
      known(problem.timeLimitSeconds) ? t("problem.seconds", { n: problem.timeLimitSeconds }) : "-",
    ),
    fact(t("problem.memoryLimit"), known(problem.memoryLimitMb) ? `${problem.memoryLimitMb} MB` : "-"),
    fact(t("problem.io"), problem.mode === "stdio" ? t("problem.io.stdio") : t("problem.io.function")),
    fact(t("problem.judge"), problem.judgeType || "-"),
    problem.tags?.length ? fact(t("problem.tags"), problem.tags.join(", ")) : null,
  );
}

function samplesPanel(problem) {
  const samples = problem.sampleCases || [];
  if (!samples.length) return null;
  return h(
    "section",
    { class: "samples", "aria-labelledby": "samples-title" },
    h("h2", { id: "samples-title" }, t("samples.title")),
    samples.map((sample, index) =>
      h(
        "div",
        { class: "sample" },
        h("h3", {}, t("samples.item", { n: index + 1 })),
        h(
          "div",
          { class: "io" },
          labelledPre(t("io.input"), preview(sample.input)),
          labelledPre(t("io.output"), preview(sample.expected_output)),
        ),
      ),
    ),
  );
}

function editorPanel(problem, output, onGraded) {
  const key = codeKey(problem.problemId);
  const holder = h("div", { class: "code" });
  const run = h("button", { type: "button", class: "secondary" }, t("editor.run"));
  const submit = h("button", { type: "button" }, t("editor.submit"));
  const reset = h("button", { type: "button", class: "link" }, t("editor.reset"));
  const editor = codeEditor(holder, {
    doc: localStorage.getItem(key) ?? problem.startCode ?? "",
    describedBy: "code-help",
    onChange: (code) => localStorage.setItem(key, code),
    onRun: () => run.click(),
    onSubmit: () => submit.click(),
  });
  run.addEventListener("click", () => busy(run, () => runSamples(problem, editor.code(), output)));
  submit.addEventListener("click", () => busy(submit, () => submitCode(problem, editor.code(), output, onGraded)));
  reset.addEventListener("click", () => {
    editor.replace(problem.startCode ?? "");
    editor.focus();
  });
  const element = h(
    "section",
    { class: "editor", "aria-labelledby": "code-label" },
    h("h2", { id: "code-label", class: "editor-title" }, t("editor.label")),
    holder,
    h("p", { id: "code-help", class: "muted small" }, t("editor.help")),
    h(
      "div",
      { class: "actions" },
      run,
      submit,
      reset,
      h("a", { href: `#/community/new?problemId=${encodeURIComponent(problem.problemId)}` }, t("editor.share")),
    ),
  );
  return { element, code: () => editor.code() };
}

function requireSignIn(output) {
  if (session.me) return true;
  replace(output, h("p", { class: "error", role: "alert" }, t("solve.signIn")));
  return false;
}

async function runSamples(problem, code, output) {
  if (!requireSignIn(output)) return;
  const samples = problem.sampleCases || [];
  replace(output, loading(t("solve.running")));
  try {
    const data = await post("/grade", {
      problemId: problem.problemId,
      userCode: code,
      language: "python",
      executionMode: "RUN_CUSTOM_TESTS",
      customTestCases: samples.map((sample) => sample.input),
    });
    replace(
      output,
      h("h2", {}, t("solve.runTitle")),
      data.results.map((result, index) => sampleRun(problem, samples[index], result, index)),
    );
  } catch (error) {
    replace(output, errorBox(error));
  }
}

function sampleRun(problem, sample, result, index) {
  const run = result.runCodeOutput || {};
  const stdio = problem.mode === "stdio";
  const actual = stdio ? run.stdout : run.returnValue;
  // The judge's verdict against the reference when the server gives one; else a local hint.
  const judged = result.verdict ? result.verdict === "ACCEPTED" : null;
  const matches =
    run.status === "OK" ? (judged ?? compareHint(problem.judgeType, sample?.expected_output, actual)) : null;
  return h(
    "article",
    { class: "sample-run", "data-status": run.status, "data-matches": matches === null ? null : String(matches) },
    h(
      "h3",
      {},
      `${t("samples.item", { n: index + 1 })}: `,
      runStatus(run),
      matches === null
        ? null
        : h("span", { class: `badge ${matches ? "good" : "bad"}` }, matches ? t("solve.same") : t("solve.different")),
      h("span", { class: "muted small" }, ` ${seconds((run.executionTimeMs ?? 0) / 1000)}`),
    ),
    h(
      "div",
      { class: "io" },
      labelledPre(t("io.input"), preview(result.input)),
      labelledPre(t("io.expected"), preview(sample?.expected_output)),
      labelledPre(stdio ? t("io.stdout") : t("io.returned"), run.status === "OK" ? preview(actual) : ""),
    ),
    !stdio && run.stdout ? labelledPre(t("io.printed"), run.stdout) : null,
    run.stderr || run.error ? labelledPre(t("io.error"), run.stderr || run.error) : null,
  );
}

async function submitCode(problem, code, output, onGraded) {
  if (!requireSignIn(output)) return;
  replace(output, loading(t("solve.grading")));
  try {
    const data = await post("/grade", {
      problemId: problem.problemId,
      userCode: code,
      language: "python",
      executionMode: "GRADE_SUBMISSION",
    });
    const bug = canFindBug(data.status) ? findBugPanel(problem, code) : null;
    replace(output, h("h2", {}, t("solve.gradeTitle")), gradeResult(data, bug));
    onGraded(data);
  } catch (error) {
    replace(output, errorBox(error));
  }
}
