// Every interface text, once per language (messages/ko.js, messages/en.js). `{name}` marks a value
// filled in by i18n.t; both tables must hold the same keys, and English uses no placeholder Korean
// lacks (tests/web/i18n.test.mjs).
import { EN } from "./messages/en.js";
import { KO } from "./messages/ko.js";

export const MESSAGES = { ko: KO, en: EN };
