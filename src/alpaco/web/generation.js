// A generation as the page shows it, folded from the frames of POST /generate: `status` (step
// number, our step `name`, a message, progress 0–100), one `result`, at most one `error`,
// heartbeats. Pure, so the rules (progress only grows, a step is listed once, the stream may end
// without a word) are tested without a browser.

/** The steps the generator reports, in the order they usually first appear; i18n names each. */
export const STEPS = [
  "intent",
  "tests",
  "solution",
  "brute",
  "validator",
  "generator",
  "constraints",
  "execution",
  "calibration",
  "finalisation",
  "start_code",
  "validation",
  "description",
  "title",
  "translation",
  "store",
];

/** `phase`: running, done (with `result`), failed (with `error`, or `interrupted`), cancelled. */
export function startGeneration() {
  return { phase: "running", progress: 0, steps: [], current: null, result: null, error: null, interrupted: false };
}

/** The state after one SSE event `{event, data}`; unknown events and heartbeats change nothing. */
export function applyEvent(state, { event, data }) {
  if (state.phase !== "running") return state;
  if (event === "status") return applyStatus(state, parse(data));
  if (event === "result") {
    const payload = parse(data)?.payload;
    if (!payload?.problemId) return state;
    return { ...state, phase: "done", progress: 100, result: payload };
  }
  if (event === "error") {
    const parsed = parse(data);
    const message = typeof parsed?.payload === "string" ? parsed.payload : data;
    return { ...state, phase: "failed", error: message };
  }
  return state;
}

function applyStatus(state, status) {
  if (!status || typeof status !== "object") return state;
  const progress = Math.max(state.progress, clampPercent(status.progress));
  const name = typeof status.name === "string" && status.name ? status.name : `step${status.step ?? ""}`;
  if (name === "done") return { ...state, progress };
  const { mark, text: message } = marked(typeof status.message === "string" ? status.message : "");
  const known = state.steps.some((step) => step.name === name);
  const steps = known
    ? state.steps.map((step) => (step.name === name ? { ...step, message, mark } : step))
    : [...state.steps, { name, message, mark }];
  return { ...state, progress, steps, current: name };
}

/** The stream ended: a generation still running then was cut off (network, server restart). */
export function endGeneration(state) {
  return state.phase === "running" ? { ...state, phase: "failed", interrupted: true } : state;
}

export function cancelGeneration(state) {
  return state.phase === "running" ? { ...state, phase: "cancelled" } : state;
}

/** A stored problem's `generationStatus` as My problems sorts it: completed, failed or running. */
export function generationKind(status) {
  if (status === "completed") return "completed";
  if (status === "error") return "failed";
  return "running";
}

// The generator starts a finished step's message with ✅ and a retry or a fallback with ⚠️. The page
// draws marks of its own (an emoji font is not on every machine), so they are read off here.
const MARKS = [
  ["✅", "done"],
  ["⚠️", "warning"],
  ["⚠", "warning"],
];

function marked(message) {
  const found = MARKS.find(([emoji]) => message.startsWith(emoji));
  return found ? { mark: found[1], text: message.slice(found[0].length).trim() } : { mark: null, text: message };
}

function clampPercent(value) {
  const number = Number(value);
  return Number.isFinite(number) ? Math.min(100, Math.max(0, Math.round(number))) : 0;
}

function parse(data) {
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}
