// The trust card of a problem (the `trust` object of GET /problems/{id}) as lines a student reads:
// one per fact, in the interface language. A fact the server does not know (null, or an older
// problem without the object) reads "unknown", so a missing fact never looks like a good one.
import { t } from "./i18n.js";

const AUTHOR_RULE = /^set by the problem's author/;
const CALIBRATED_RULE = /^calibrated: ([\d.]+) × .*?at least ([\d.]+) s, rounded up to ([\d.]+) s/;

const isCount = (value) => Number.isInteger(value) && value >= 0;
const isNumber = (value) => typeof value === "number" && Number.isFinite(value);

/** [{ fact, label, value }]: `value` is the text to show, or null for "unknown". */
export function trustFacts(trust) {
  const card = trust && typeof trust === "object" ? trust : {};
  return [
    ["source", sourceText(card.source)],
    ["tests", testsText(card.testCount, card.sampleCount)],
    ["generated", generatedText(card.generatedTestCount, card.testCount)],
    ["bruteForce", isCount(card.bruteForceChecked) ? t("trust.bruteForce.value", { n: card.bruteForceChecked }) : null],
    ["validator", validatorText(card.validatorAcceptsAll)],
    ["timeLimit", limitText(card.timeLimitSeconds, card.referenceMaxMs, card.timeLimitFactor)],
    ["rule", ruleText(card.timeLimitRule)],
    ["acceptance", acceptanceText(card)],
  ].map(([fact, value]) => ({ fact, label: t(`trust.${fact}`), value }));
}

/** True when the facts were derived from an older problem's tests, not recorded when it was made. */
export const isUnrecorded = (trust) => trust?.recorded === false;

function sourceText(source) {
  return source === "bank" || source === "generated" ? t(`trust.source.${source}`) : null;
}

function testsText(tests, samples) {
  if (!isCount(tests)) return null;
  return isCount(samples) ? t("trust.tests.withSamples", { n: tests, samples }) : t("trust.tests.count", { n: tests });
}

function generatedText(generated, tests) {
  if (!isCount(generated)) return null;
  return isCount(tests)
    ? t("trust.generated.of", { n: generated, total: tests })
    : t("trust.tests.count", { n: generated });
}

function validatorText(acceptsAll) {
  if (acceptsAll === true) return t("trust.validator.yes");
  return acceptsAll === false ? t("trust.validator.no") : null;
}

function limitText(limitSeconds, referenceMs, factor) {
  if (!isNumber(limitSeconds)) return null;
  const limit = t("problem.seconds", { n: limitSeconds });
  if (!isNumber(referenceMs) || !isNumber(factor)) return t("trust.timeLimit.only", { limit });
  return t("trust.timeLimit.factor", { limit, reference: milliseconds(referenceMs), factor });
}

/** The server states its rule in English; the two rules it writes are translated, any other shown as sent. */
export function ruleText(rule) {
  if (typeof rule !== "string" || !rule.trim()) return null;
  if (AUTHOR_RULE.test(rule)) return t("trust.rule.author");
  const calibrated = CALIBRATED_RULE.exec(rule);
  if (calibrated) {
    const [, factor, floor, step] = calibrated;
    return t("trust.rule.calibrated", { factor, floor, step });
  }
  return rule;
}

function acceptanceText({ acceptanceRate, acceptedCount, submissionCount }) {
  if (submissionCount === 0) return t("trust.acceptance.none");
  if (!isNumber(acceptanceRate) || !isCount(submissionCount) || !isCount(acceptedCount)) return null;
  return t("trust.acceptance.value", {
    rate: percent(acceptanceRate),
    accepted: acceptedCount,
    submissions: submissionCount,
  });
}

export function percent(rate) {
  return `${Math.round(rate * 1000) / 10}%`;
}

export function milliseconds(ms) {
  return `${ms >= 10 ? Math.round(ms) : Math.round(ms * 10) / 10} ms`;
}
