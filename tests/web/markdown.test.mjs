// The Markdown renderer the browser uses (src/alpaco/web/markdown.js over the vendored markdown-it),
// run under node: the markup statements need, hostile input escaped, safe links only, and no input
// shape that makes it slow.
import assert from "node:assert/strict";
import { test } from "node:test";
import { codeFence, renderMarkdown } from "../../src/alpaco/web/markdown.js";

// Every tag the renderer may emit; anything else in the output is an injection.
const ALLOWED_TAG = new RegExp(
  [
    String.raw`<\/?(?:h[1-6]|p|pre|strong|em|s|ul|ol|li|blockquote|table|thead|tbody|tr)>`,
    "<(?:hr|br)>",
    String.raw`<\/(?:code|a|span|th|td)>`,
    String.raw`<code(?: class="language-[\w+-]+")?>`,
    String.raw`<span class="(?:tok-\w+ ?)+">`,
    '<t[hd](?: style="text-align:(?:left|right|center)")?>',
    String.raw`<a href="(?:https?:\/\/|mailto:)[^"<>]*"(?: title="[^"<>]*")? rel="noopener noreferrer nofollow" target="_blank">`,
    '<a href="#[^"<>]*">',
  ].join("|"),
  "g",
);
const HOSTILE = [
  "<script>alert(1)</script>",
  '<img src=x onerror="alert(1)">',
  "<a href='javascript:alert(1)'>x</a>",
  '"><svg onload=alert(1)>',
  "[click](javascript:alert(1))",
  "[click](JAVASCRIPT:alert(1))",
  "[click](&#106;avascript:alert(1))",
  "[click](javascript&#58;alert(1))",
  '[click](https://ok.example/"onmouseover="alert(1))',
  "[x](data:text/html;base64,PHNjcmlwdD4=)",
  "[x](vbscript:msgbox(1))",
  "![x](javascript:alert(1))",
  "<javascript:alert(1)>",
  "&lt;script&gt; & <!-- comment --> <style>*{}</style>",
  "`<b>` **<i>bold</i>** *<u>em</u>*",
];
const WRAPPERS = [
  (x) => x,
  (x) => `# ${x}`,
  (x) => `###### ${x} ###`,
  (x) => `- ${x}\n- second ${x}`,
  (x) => `1. ${x}\n   more ${x}`,
  (x) => `> ${x}`,
  (x) => `\`\`\`${x}\n${x}\n\`\`\``,
  (x) => `\`\`\`python\n${x}\n\`\`\`\n${x}`,
  (x) => `| a | b |\n|---|:-:|\n| ${x} | ${x} |`,
  (x) => `plain ${x} text\nnext line ${x}`,
  (x) => `**${x}** and \`${x}\``,
  (x) => `[${x}](https://ok.example "${x}")`,
];

test("the statement markup renders", () => {
  const html = renderMarkdown(
    "### 입력\n\n첫째 줄에 **두 정수** `n`, `k`가\n주어집니다.\n\n- `1 ≤ n`\n- 둘째\n\n1. one\n2. two\n\n" +
      "| n | answer |\n|:--|--:|\n| 1 | 2 |\n\n~~old~~\n\n```python\ndef solution(data):\n    return data < 3\n```\n",
  );
  assert.match(html, /<h3>입력<\/h3>/);
  assert.match(html, /<p>첫째 줄에 <strong>두 정수<\/strong> <code>n<\/code>, <code>k<\/code>가\n주어집니다.<\/p>/);
  assert.match(html, /<ul>\n<li><code>1 ≤ n<\/code><\/li>\n<li>둘째<\/li>\n<\/ul>/);
  assert.match(html, /<ol>\n<li>one<\/li>\n<li>two<\/li>\n<\/ol>/);
  assert.match(html, /<th style="text-align:left">n<\/th>\n<th style="text-align:right">answer<\/th>/);
  assert.match(html, /<s>old<\/s>/);
  assert.match(html, /<pre><code class="language-python"><span class="tok-keyword">def<\/span> /);
  assert.match(html, /<span class="tok-operator">&lt;<\/span>/);
});

test("every hostile fragment comes out as text, in every block", () => {
  for (const wrap of WRAPPERS) {
    for (const bad of HOSTILE) {
      const source = wrap(bad);
      const html = renderMarkdown(source);
      const leftover = html.replace(ALLOWED_TAG, "");
      assert.doesNotMatch(leftover, /[<>]/, `${JSON.stringify(source)} gave ${html}`);
      for (const [, href] of html.matchAll(/href="([^"]*)"/g)) {
        assert.match(href, /^(https?:\/\/|mailto:|#)/, `${JSON.stringify(source)} gave ${html}`);
      }
    }
  }
  assert.equal(renderMarkdown("<script>alert(1)</script>"), "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
});

test("links: safe schemes open in a new tab without an opener; in-app links stay in the tab", () => {
  assert.equal(
    renderMarkdown("[docs](https://docs.example/a?b=1)"),
    '<p><a href="https://docs.example/a?b=1" rel="noopener noreferrer nofollow" target="_blank">docs</a></p>\n',
  );
  assert.equal(renderMarkdown("[A + B](#/problems/1)"), '<p><a href="#/problems/1">A + B</a></p>\n');
  assert.match(renderMarkdown("[mail](mailto:paco@example.com)"), /href="mailto:paco@example.com"/);
  assert.equal(renderMarkdown("[up](../../etc)"), "<p>[up](../../etc)</p>\n");
});

test("images are links, so reading a post fetches nothing from another site", () => {
  const html = renderMarkdown("![pixel](https://tracker.example/p.png)");
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /<a href="https:\/\/tracker.example\/p.png"/);
});

test("a fence's language is kept only when it is a plain name", () => {
  assert.match(renderMarkdown("```python extra words\nx = 1\n```"), /<code class="language-python">/);
  assert.match(renderMarkdown('```"><img src=x>\nx\n```'), /<pre><code>x\n<\/code><\/pre>/);
});

test("no input shape is slow: the old renderer's worst cases and 20,000-character posts", () => {
  const cases = {
    "heading, 3,000 spaces": `# a${" ".repeat(3000)}x`,
    "heading, 20,000 spaces": `# a${" ".repeat(19_996)}x`,
    emphasis: "**a".repeat(6_666),
    stars: "*a".repeat(10_000),
    underscores: "_a".repeat(10_000),
    brackets: "[".repeat(20_000),
    "link openers": "[a](".repeat(5_000),
    "image openers": "![".repeat(10_000),
    backticks: "`a".repeat(10_000),
    angles: "<a".repeat(10_000),
    entities: "&#".repeat(10_000),
    quotes: "> ".repeat(10_000),
    "list markers": "- ".repeat(10_000),
    "table cells": `${"| a ".repeat(2_500)}\n${"|-".repeat(2_500)}`,
    "python brackets": `\`\`\`python\n${"(".repeat(19_980)}\n\`\`\``,
  };
  // Relative to an ordinary post of the same length, measured in this run (best of three each):
  // the old renderer took seconds to minutes on these, so a bound of many times the ordinary
  // cost still catches any backtracking while a busy machine slows both sides alike.
  const best = (source) => {
    let fastest = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      renderMarkdown(source);
      fastest = Math.min(fastest, performance.now() - started);
    }
    return fastest;
  };
  best("warm up the JIT");
  const ordinary = best("lorem ipsum dolor sit amet, ".repeat(714));
  for (const [name, source] of Object.entries(cases)) {
    assert.ok(source.length <= 20_000, name);
    const elapsed = best(source);
    const bound = 100 * ordinary + 100;
    assert.ok(elapsed < bound, `${name}: ${elapsed.toFixed(0)} ms (bound ${bound.toFixed(0)} ms)`);
  }
});

test("codeFence: the fence outgrows any backtick run in the code", () => {
  assert.equal(codeFence("print(1)\n\n", "python"), "```python\nprint(1)\n```");
  const tricky = "s = '````'\n";
  const fenced = codeFence(tricky, "python");
  assert.ok(fenced.startsWith("`````python\n"), fenced);
  assert.match(renderMarkdown(fenced), /<span class="tok-string">&#39;````&#39;<\/span>/);
});
