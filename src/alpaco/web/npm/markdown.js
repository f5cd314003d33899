// An esbuild entry, bundled into ../vendor/markdown.js by `make web`; browsers never load this file.
// markdown-it and the Lezer parsers that colour code blocks. Nothing here touches the DOM, so
// node's test runner loads the same bundle as the browser (tests/web/).
export { classHighlighter, highlightCode } from "@lezer/highlight";
export { parser as jsonParser } from "@lezer/json";
export { parser as pythonParser } from "@lezer/python";
export { default as MarkdownIt } from "markdown-it";
