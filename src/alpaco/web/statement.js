// What the problem page needs to know about a statement's text, without rendering it.

// The statement's own examples heading, in either language: "### Examples", "## 예제", "입출력 예", ...
const EXAMPLES_HEADING = /^ {0,3}#{1,6}[ \t]+(?:examples?|samples?|sample (?:input|output)|예제|입출력 예)(?![a-z])/im;

/**
 * Whether the statement already shows its examples. Statements from the bank and the generator
 * carry an examples section with explanations; the page then shows no second copy of the samples.
 */
export function hasExamples(markdown) {
  return EXAMPLES_HEADING.test(String(markdown ?? ""));
}
