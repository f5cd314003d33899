// A deliberately small Markdown renderer for untrusted text (problem statements, posts, comments).
// Every piece of source text is HTML-escaped before any markup is added, and the only markup it ever
// emits is a fixed set of tags; link targets are limited to http(s) and mailto. No raw HTML passes.

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const LIST_ITEM = /^\s{0,3}([-*+]|\d{1,9}[.)])\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const CODE_SPAN = /(`+)([\s\S]*?[^`])\1(?!`)/g;
const LINK = /\[([^\]\n]+)\]\(([^)\s]+)\)/g;
const SAFE_URL = /^(https?:\/\/|mailto:)/i;

export function escapeHtml(text) {
  return String(text ?? "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export function renderMarkdown(source) {
  const lines = String(source ?? "").replace(/\r\n?/g, "\n").split("\n");
  const html = [];
  let i = 0;
  while (i < lines.length) {
    i = renderBlock(lines, i, html);
  }
  return html.join("\n");
}

function renderBlock(lines, i, html) {
  const line = lines[i];
  if (!line.trim()) return i + 1;
  if (FENCE.test(line)) return renderFence(lines, i, html);
  const heading = HEADING.exec(line);
  if (heading) {
    const level = heading[1].length;
    html.push(`<h${level}>${renderInline(heading[2])}</h${level}>`);
    return i + 1;
  }
  if (RULE.test(line)) {
    html.push("<hr>");
    return i + 1;
  }
  if (QUOTE.test(line)) return renderQuote(lines, i, html);
  if (LIST_ITEM.test(line)) return renderList(lines, i, html);
  return renderParagraph(lines, i, html);
}

function startsBlock(line) {
  return FENCE.test(line) || HEADING.test(line) || LIST_ITEM.test(line) || QUOTE.test(line) || RULE.test(line);
}

function renderFence(lines, start, html) {
  const [, marker, language] = FENCE.exec(lines[start]);
  const body = [];
  let i = start + 1;
  while (i < lines.length && !lines[i].trim().startsWith(marker)) {
    body.push(lines[i]);
    i += 1;
  }
  const label = language ? ` class="language-${escapeHtml(language)}"` : "";
  html.push(`<pre><code${label}>${escapeHtml(body.join("\n"))}</code></pre>`);
  return i + 1;
}

function renderParagraph(lines, start, html) {
  const body = [lines[start]];
  let i = start + 1;
  while (i < lines.length && lines[i].trim() && !startsBlock(lines[i])) {
    body.push(lines[i]);
    i += 1;
  }
  html.push(`<p>${renderInline(body.map((l) => l.trim()).join("\n"))}</p>`);
  return i;
}

function renderQuote(lines, start, html) {
  const body = [];
  let i = start;
  while (i < lines.length && QUOTE.test(lines[i])) {
    body.push(QUOTE.exec(lines[i])[1]);
    i += 1;
  }
  html.push(`<blockquote>${renderMarkdown(body.join("\n"))}</blockquote>`);
  return i;
}

function renderList(lines, start, html) {
  const ordered = /\d/.test(LIST_ITEM.exec(lines[start])[1]);
  const items = [];
  let i = start;
  while (i < lines.length) {
    const item = LIST_ITEM.exec(lines[i]);
    if (item && /\d/.test(item[1]) === ordered) {
      items.push(item[2]);
    } else if (item || !lines[i].trim() || !/^\s/.test(lines[i]) || items.length === 0) {
      break;
    } else {
      items[items.length - 1] += `\n${lines[i].trim()}`;
    }
    i += 1;
  }
  const tag = ordered ? "ol" : "ul";
  html.push(`<${tag}>${items.map((text) => `<li>${renderInline(text)}</li>`).join("")}</${tag}>`);
  return i;
}

export function renderInline(text) {
  let html = "";
  let last = 0;
  for (const match of text.matchAll(CODE_SPAN)) {
    html += renderLinks(text.slice(last, match.index));
    html += `<code>${escapeHtml(match[2].replace(/^ (.*) $/s, "$1"))}</code>`;
    last = match.index + match[0].length;
  }
  return html + renderLinks(text.slice(last));
}

function renderLinks(text) {
  let html = "";
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const [whole, label, url] = match;
    html += renderEmphasis(text.slice(last, match.index));
    html += SAFE_URL.test(url)
      ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer nofollow" target="_blank">${renderEmphasis(label)}</a>`
      : renderEmphasis(whole);
    last = match.index + whole.length;
  }
  return html + renderEmphasis(text.slice(last));
}

function renderEmphasis(text) {
  return escapeHtml(text)
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^*\w])\*(?=[^\s*])([^*]*?[^\s*])\*(?![*\w])/g, "$1<em>$2</em>");
}
