// "Run examples" compares a run with a sample's expected output as a hint only: the grader's
// judgeType decides. Returns null where a simple comparison would mislead (unordered, float).

const tokens = (text) =>
  String(text ?? "")
    .trim()
    .split(/\s+/)
    .join(" ");

const lines = (text) =>
  String(text ?? "")
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trimEnd();

export function compareHint(judgeType, expected, actual) {
  if (judgeType === "tokens") return tokens(expected) === tokens(actual);
  if (judgeType === "lines") return lines(expected) === lines(actual);
  if (judgeType === "equal") return JSON.stringify(expected) === JSON.stringify(actual);
  return null;
}
