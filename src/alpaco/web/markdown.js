// Markdown for untrusted text (problem statements, posts, comments) through markdown-it, which parses
// in linear time where the hand-written renderer backtracked. Raw HTML is off, so a tag in the source
// is shown as text; links keep only http(s), mailto and in-app (#...) targets and open in a new tab
// without an opener; images become links, so reading a post never makes the reader's browser fetch
// from another site. GFM tables and strikethrough are on; fenced code is coloured (highlight.js).
import { highlight } from "./highlight.js";
import { MarkdownIt } from "./vendor/markdown.js";

const SAFE_LINK = /^(?:https?:\/\/|mailto:|#)/i;

const md = new MarkdownIt("default", {
  html: false,
  linkify: false,
  typographer: false,
  highlight,
});
md.disable("image");
// markdown-it hands over the link after decoding entities and percent-encoding, so `&#106;avascript:`
// and the like arrive here spelled out and fail the test.
md.validateLink = (url) => SAFE_LINK.test(url);
// A fence's info string names its language and becomes a class: only a plain first word is kept.
md.core.ruler.push("plain_fence_language", (state) => {
  for (const token of state.tokens) {
    if (token.type !== "fence") continue;
    const [name = ""] = token.info.trim().split(/\s+/);
    token.info = /^[\w+-]+$/.test(name) ? name : "";
  }
});
md.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  const token = tokens[index];
  if (!token.attrGet("href").startsWith("#")) {
    token.attrSet("rel", "noopener noreferrer nofollow");
    token.attrSet("target", "_blank");
  }
  return self.renderToken(tokens, index, options);
};

export function renderMarkdown(source) {
  return md.render(String(source ?? ""));
}

/** `code` as a fenced block whose fence is longer than any backtick run inside it. */
export function codeFence(code, language = "") {
  const longest = Math.max(0, ...(code.match(/`+/g) || []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${language}\n${code.trimEnd()}\n${fence}`;
}
