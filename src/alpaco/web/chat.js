// The tutor's side of POST /chatbot, without the DOM: what each `data:` message of its stream says,
// the hint ladder's levels, and the request body (history and last grading, bounded as the server
// bounds them, so a long conversation never turns into a 400).

export const TOP_LEVEL = 4;
const LOCATE_LEVEL = 3;
// The server keeps 50 turns of 12,000 characters and trims to a token budget anyway.
const MAX_TURNS = 20;
const MAX_TURN_CHARS = 12_000;
const MAX_CASES = 500;

/** One message's data: a token, the end, an error, the answer's hint level, or nothing to show. */
export function chatFrame(data) {
  if (String(data).trim() === "[DONE]") return { kind: "done" };
  let value;
  try {
    value = JSON.parse(data);
  } catch {
    return { kind: "ignore" };
  }
  if (!value || typeof value !== "object") return { kind: "ignore" };
  if (typeof value.token === "string") return { kind: "token", text: value.token };
  if (value.error !== undefined) {
    return { kind: "error", message: String(value.error || ""), details: String(value.details || "") };
  }
  if (Number.isInteger(value.hintLevel)) return { kind: "level", level: clampLevel(value.hintLevel) };
  return { kind: "ignore" };
}

export function clampLevel(level) {
  const number = Number(level);
  return Number.isFinite(number) ? Math.min(TOP_LEVEL, Math.max(1, Math.round(number))) : 1;
}

/** The level a request asks for: `ask` keeps the current one, `next` climbs one rung, `explain`
 * (the failing case) is the rung that locates a bug with a failing case, whichever rung came before. */
export function levelFor(intent, current) {
  const level = clampLevel(current);
  if (intent === "next") return Math.min(TOP_LEVEL, level + 1);
  if (intent === "explain") return LOCATE_LEVEL;
  return level;
}

/** Whether a grading is one the tutor can explain: any verdict but a pass or the judge's own fault. */
export function canExplain(grade) {
  return Boolean(grade?.status) && grade.status !== "ACCEPTED" && grade.status !== "INTERNAL_ERROR";
}

/** The grading as `lastResult`: verdicts, crash names and a sample's output, nothing else. */
export function lastResultOf(grade) {
  return {
    status: grade.status,
    results: (grade.results || []).slice(0, MAX_CASES).map((result) => ({
      caseNumber: result.caseNumber,
      status: result.status,
      exceptionType: result.exceptionType ?? null,
      exceptionLine: result.exceptionLine ?? null,
      actualOutput: result.isSample ? (result.actualOutput ?? null) : null,
    })),
  };
}

/** The request body of one question; a turn with nothing said (an answer stopped at once) is left out. */
export function chatBody({ message, problem, code, turns, level, grade }) {
  const body = {
    newMessage: message,
    problemDetails: { id: problem.problemId, title: problem.title, description: problem.description },
    userCode: code,
    history: turns
      .filter((turn) => turn.content)
      .slice(-MAX_TURNS)
      .map((turn) => ({
        role: turn.role,
        content: turn.content.slice(0, MAX_TURN_CHARS),
      })),
    hintLevel: clampLevel(level),
  };
  if (grade) body.lastResult = lastResultOf(grade);
  return body;
}
