// Colours fenced code in Markdown with the same Lezer parsers and `tok-*` classes as the editor, so
// one palette in style.css serves both. Returns "" for a language it does not know, which tells
// markdown-it to escape the block itself.
import { classHighlighter, highlightCode, jsonParser, pythonParser } from "./vendor/markdown.js";

// Colour is a nicety: a longer block shows plain, so a pasted megabyte of brackets cannot fill the
// reader's page with tens of thousands of spans.
const MAX_CHARS = 10_000;
const PARSERS = { python: pythonParser, python3: pythonParser, py: pythonParser, json: jsonParser };
const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function highlight(code, language) {
  const parser = PARSERS[String(language ?? "").toLowerCase()];
  if (!parser || code.length > MAX_CHARS) return "";
  const html = [];
  highlightCode(
    code,
    parser.parse(code),
    classHighlighter,
    (text, classes) => html.push(classes ? `<span class="${classes}">${escapeHtml(text)}</span>` : escapeHtml(text)),
    () => html.push("\n"),
  );
  return html.join("");
}
