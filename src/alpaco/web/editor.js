// A <textarea> code editor: Tab indents, Shift+Tab dedents, Enter keeps the indentation.
// Escape releases Tab for one press so keyboard users can still leave the editor.
const INDENT = "    ";

export function codeEditor(textarea, onChange) {
  let tabMovesFocus = false;
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      tabMovesFocus = true;
      return;
    }
    if (event.key === "Tab" && !tabMovesFocus && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      if (event.shiftKey) dedent(textarea);
      else indent(textarea);
      onChange(textarea.value);
    } else if (event.key === "Enter" && !event.shiftKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      newline(textarea);
      onChange(textarea.value);
    }
    if (event.key !== "Shift") tabMovesFocus = false;
  });
  textarea.addEventListener("input", () => onChange(textarea.value));
}

function lineStart(text, position) {
  return text.lastIndexOf("\n", position - 1) + 1;
}

function insert(textarea, text) {
  textarea.setRangeText(text, textarea.selectionStart, textarea.selectionEnd, "end");
}

function indent(textarea) {
  const { value, selectionStart, selectionEnd } = textarea;
  if (!value.slice(selectionStart, selectionEnd).includes("\n")) {
    insert(textarea, INDENT);
    return;
  }
  const start = lineStart(value, selectionStart);
  const block = value.slice(start, selectionEnd).replace(/^/gm, INDENT);
  textarea.setRangeText(block, start, selectionEnd, "select");
}

function dedent(textarea) {
  const { value, selectionStart, selectionEnd } = textarea;
  const start = lineStart(value, selectionStart);
  const collapsed = selectionStart === selectionEnd;
  const lineEnd = value.indexOf("\n", selectionEnd);
  const end = collapsed ? (lineEnd === -1 ? value.length : lineEnd) : selectionEnd;
  const block = value.slice(start, end).replace(/^ {1,4}/gm, "");
  textarea.setRangeText(block, start, end, "select");
  if (collapsed) {
    const caret = Math.max(start, selectionStart - (end - start - block.length));
    textarea.setSelectionRange(caret, caret);
  }
}

function newline(textarea) {
  const { value, selectionStart } = textarea;
  const line = value.slice(lineStart(value, selectionStart), selectionStart);
  const current = /^\s*/.exec(line)[0];
  insert(textarea, `\n${current}${line.trimEnd().endsWith(":") ? INDENT : ""}`);
}
