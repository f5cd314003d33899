// The trust card panel of the solve page: how the problem's tests were made and checked, one fact
// per line (trust.js turns the numbers into text), "unknown" where the server does not know.
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { isUnrecorded, trustFacts } from "../trust.js";

export function trustPanel(problem) {
  const facts = trustFacts(problem.trust).map(({ fact, label, value }) => [
    h("dt", {}, label),
    h(
      "dd",
      { "data-fact": fact, "data-known": String(value !== null) },
      value ?? h("span", { class: "muted" }, t("trust.unknown")),
    ),
  ]);
  return h(
    "section",
    { class: "trust", "aria-labelledby": "trust-title" },
    h("h2", { id: "trust-title" }, t("trust.title")),
    h("p", { class: "muted small" }, t("trust.intro")),
    h("dl", { class: "trust-facts" }, facts),
    isUnrecorded(problem.trust) ? h("p", { class: "muted small" }, t("trust.unrecorded")) : null,
  );
}
