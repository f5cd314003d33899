import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeHtml, highlight } from "../../src/alpaco/web/highlight.js";

test("Python and JSON are coloured with the editor's tok-* classes", () => {
  assert.equal(
    highlight("def f(x):\n    return 'a'", "python"),
    '<span class="tok-keyword">def</span> <span class="tok-variableName tok-definition">f</span>' +
      '<span class="tok-punctuation">(</span><span class="tok-variableName">x</span>' +
      '<span class="tok-punctuation">)</span>:\n    <span class="tok-keyword">return</span> ' +
      '<span class="tok-string">&#39;a&#39;</span>',
  );
  assert.match(highlight('{"a": [1, true]}', "JSON"), /<span class="tok-number">1<\/span>/);
  assert.equal(highlight("x", "py"), highlight("x", "python3"));
});

test("text inside tokens is escaped", () => {
  assert.equal(highlight("'<script>'", "python"), '<span class="tok-string">&#39;&lt;script&gt;&#39;</span>');
  assert.equal(escapeHtml(`<a href="x">&'`), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
});

test("an unknown language or a huge block is left to markdown-it's plain escaping", () => {
  assert.equal(highlight("x = 1", "cobol"), "");
  assert.equal(highlight("x = 1", undefined), "");
  assert.equal(highlight("x".repeat(10_001), "python"), "");
});
