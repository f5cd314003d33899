// How values read in the UI: verdict names, times, dates, and test data previews.
const VERDICTS = {
  ACCEPTED: "정답",
  WRONG_ANSWER: "오답",
  TIME_LIMIT_EXCEEDED: "시간 초과",
  MEMORY_LIMIT_EXCEEDED: "메모리 초과",
  RUNTIME_ERROR: "런타임 에러",
  OUTPUT_LIMIT_EXCEEDED: "출력 초과",
  COMPILATION_ERROR: "컴파일 에러",
  INTERNAL_ERROR: "채점 오류",
  OK: "실행 완료",
  TLE: "시간 초과",
  MLE: "메모리 초과",
  RE: "런타임 에러",
  OLE: "출력 초과",
  CE: "컴파일 에러",
  IE: "실행 오류",
};
const DIFFICULTIES = { Easy: "쉬움", Medium: "보통", Hard: "어려움" };

export const verdictLabel = (status) => VERDICTS[status] || status || "-";
export const verdictClass = (status) => (status === "ACCEPTED" || status === "OK" ? "good" : "bad");
export const difficultyLabel = (level) => (DIFFICULTIES[level] ? `${DIFFICULTIES[level]} (${level})` : level || "-");

export function seconds(value) {
  const number = Number(value);
  return Number.isFinite(number) ? `${Math.round(number * 1000)} ms` : "-";
}

export function kilobytes(value) {
  const number = Number(value);
  if (value === null || value === undefined || !Number.isFinite(number)) return "-";
  return number >= 1024 ? `${(number / 1024).toFixed(1)} MB` : `${number} KB`;
}

export function dateTime(value) {
  if (value === null || value === undefined || value === "") return "-";
  const date = typeof value === "number" ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : date.toLocaleString("ko-KR");
}

/** Test data as a student would type it: stdin text as is, anything else as JSON. */
export function preview(value) {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return JSON.stringify(value);
}
