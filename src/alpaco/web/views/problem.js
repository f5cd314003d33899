// One problem: statement (Korean or English), limits, samples, the editor, "Run samples" and "Submit".
import { get, post } from "../api.js";
import { append, busy, errorBox, h, labelledPre, loading, markdownBlock, replace } from "../dom.js";
import { codeEditor } from "../editor.js";
import { difficultyLabel, preview, seconds } from "../format.js";
import { session } from "../session.js";
import { gradeResult, runStatus } from "./results.js";

const LANGUAGE_KEY = "alpaco.statementLanguage";
const codeKey = (problemId) => `alpaco.code.${problemId}`;

export async function problemPage(page, problemId) {
  append(page, [loading()]);
  const problem = await get(`/problems/${encodeURIComponent(problemId)}`);
  const output = h("section", { class: "output", "aria-live": "polite", "aria-label": "실행 결과" });
  const editor = editorPanel(problem, output);
  replace(
    page,
    h(
      "div",
      { class: "solve" },
      h("div", { class: "statement" }, statementPanel(problem), samplesPanel(problem)),
      h("div", { class: "workspace" }, editor, output),
    ),
  );
}

function statementPanel(problem) {
  const panel = h("section", { "aria-labelledby": "problem-title" });
  const draw = (language) => {
    localStorage.setItem(LANGUAGE_KEY, language);
    const korean = language === "ko";
    const title = (korean ? problem.title_translated : problem.title) || problem.title || problem.title_translated;
    const text = (korean ? problem.description_translated : problem.description) || problem.description || "";
    replace(
      panel,
      h("h1", { id: "problem-title" }, title),
      languageToggle(language, draw),
      problemFacts(problem),
      markdownBlock(text),
    );
  };
  draw(localStorage.getItem(LANGUAGE_KEY) === "en" ? "en" : "ko");
  return panel;
}

function languageToggle(current, onPick) {
  const option = (language, label) =>
    h("button", { type: "button", class: "toggle", "aria-pressed": String(current === language), onclick: () => onPick(language) }, label);
  return h("div", { class: "toggle-group", role: "group", "aria-label": "문제 언어" }, option("ko", "한국어"), option("en", "English"));
}

function problemFacts(problem) {
  const fact = (name, value) => [h("dt", {}, name), h("dd", {}, value)];
  return h(
    "dl",
    { class: "facts" },
    fact("난이도", h("span", { class: `badge ${String(problem.difficulty).toLowerCase()}` }, difficultyLabel(problem.difficulty))),
    fact("시간 제한", `${problem.timeLimitSeconds} 초`),
    fact("메모리 제한", `${problem.memoryLimitMb} MB`),
    fact("입출력", problem.mode === "stdio" ? "표준 입력 → 표준 출력" : "solution(data) 함수의 반환값"),
    fact("채점 방식", problem.judgeType || "-"),
    problem.tags?.length ? fact("태그", problem.tags.join(", ")) : null,
  );
}

function samplesPanel(problem) {
  const samples = problem.sampleCases || [];
  if (!samples.length) return null;
  return h(
    "section",
    { "aria-labelledby": "samples-title" },
    h("h2", { id: "samples-title" }, "예제"),
    samples.map((sample, index) =>
      h(
        "div",
        { class: "sample" },
        h("h3", {}, `예제 ${index + 1}`),
        h("div", { class: "io" }, labelledPre("입력", preview(sample.input)), labelledPre("출력", preview(sample.expected_output))),
      ),
    ),
  );
}

function editorPanel(problem, output) {
  const key = codeKey(problem.problemId);
  const textarea = h("textarea", {
    id: "code",
    class: "code",
    spellcheck: "false",
    autocapitalize: "off",
    autocomplete: "off",
    wrap: "off",
    rows: 22,
    "aria-describedby": "code-help",
    value: localStorage.getItem(key) ?? problem.startCode ?? "",
  });
  codeEditor(textarea, (code) => localStorage.setItem(key, code));
  const run = h("button", { type: "button", class: "secondary" }, "예제 실행 (Run samples)");
  const submit = h("button", { type: "button" }, "제출 (Submit)");
  const reset = h("button", { type: "button", class: "link" }, "시작 코드로 되돌리기");
  run.addEventListener("click", () => busy(run, () => runSamples(problem, textarea.value, output)));
  submit.addEventListener("click", () => busy(submit, () => submitCode(problem, textarea.value, output)));
  reset.addEventListener("click", () => {
    if (!window.confirm("작성한 코드를 지우고 시작 코드로 되돌릴까요?")) return;
    textarea.value = problem.startCode ?? "";
    localStorage.removeItem(key);
  });
  return h(
    "section",
    { class: "editor", "aria-label": "코드 작성" },
    h("label", { for: "code" }, "코드 (Python 3)"),
    textarea,
    h("p", { id: "code-help", class: "muted small" }, "Tab: 들여쓰기 · Shift+Tab: 내어쓰기 · Esc 다음 Tab: 편집기 밖으로 이동. 코드는 이 브라우저에 자동 저장됩니다."),
    h(
      "div",
      { class: "actions" },
      run,
      submit,
      reset,
      h("a", { href: `#/community/new?problemId=${encodeURIComponent(problem.problemId)}` }, "이 문제로 글쓰기"),
    ),
  );
}

function requireSignIn(output) {
  if (session.me) return true;
  replace(output, h("p", { class: "error", role: "alert" }, "로그인이 필요합니다. 위에서 아이디를 입력해 로그인하세요."));
  return false;
}

async function runSamples(problem, code, output) {
  if (!requireSignIn(output)) return;
  const samples = problem.sampleCases || [];
  replace(output, loading("예제를 실행하는 중…"));
  try {
    const data = await post("/grade", {
      problemId: problem.problemId,
      userCode: code,
      language: "python",
      executionMode: "RUN_CUSTOM_TESTS",
      customTestCases: samples.map((sample) => sample.input),
    });
    replace(output, h("h2", {}, "예제 실행 결과"), data.results.map((result, index) => sampleRun(problem, samples[index], result, index)));
  } catch (error) {
    replace(output, errorBox(error));
  }
}

function sampleRun(problem, sample, result, index) {
  const run = result.runCodeOutput || {};
  const stdio = problem.mode === "stdio";
  const actual = stdio ? run.stdout : run.returnValue;
  const matches = run.status === "OK" && sameOutput(problem, sample?.expected_output, actual);
  return h(
    "article",
    { class: "sample-run" },
    h(
      "h3",
      {},
      `예제 ${index + 1}: `,
      runStatus(run),
      run.status === "OK" && matches !== null ? h("span", { class: `badge ${matches ? "good" : "bad"}` }, matches ? "기대 출력과 같음" : "기대 출력과 다름") : null,
      h("span", { class: "muted small" }, ` ${seconds((run.executionTimeMs ?? 0) / 1000)}`),
    ),
    h(
      "div",
      { class: "io" },
      labelledPre("입력", preview(result.input)),
      labelledPre("기대 출력", preview(sample?.expected_output)),
      labelledPre(stdio ? "실제 출력 (stdout)" : "반환값", run.status === "OK" ? preview(actual) : ""),
    ),
    !stdio && run.stdout ? labelledPre("print 출력 (stdout)", run.stdout) : null,
    run.stderr || run.error ? labelledPre("에러", run.stderr || run.error) : null,
  );
}

/** A hint only: the grader's judgeType decides. Returns null where a simple comparison would mislead. */
function sameOutput(problem, expected, actual) {
  if (problem.judgeType === "tokens") {
    const tokens = (text) => String(text ?? "").trim().split(/\s+/).join(" ");
    return tokens(expected) === tokens(actual);
  }
  if (problem.judgeType === "lines") {
    const lines = (text) => String(text ?? "").replace(/\r\n?/g, "\n").split("\n").map((l) => l.trimEnd()).join("\n").trimEnd();
    return lines(expected) === lines(actual);
  }
  if (problem.judgeType === "equal") return JSON.stringify(expected) === JSON.stringify(actual);
  return null;
}

async function submitCode(problem, code, output) {
  if (!requireSignIn(output)) return;
  replace(output, loading("채점하는 중…"));
  try {
    const data = await post("/grade", {
      problemId: problem.problemId,
      userCode: code,
      language: "python",
      executionMode: "GRADE_SUBMISSION",
    });
    replace(output, h("h2", {}, "채점 결과"), gradeResult(data));
  } catch (error) {
    replace(output, errorBox(error));
  }
}
