// DOM building without HTML strings: text always goes in as text nodes. The one exception is
// `markdownBlock`, whose HTML comes from markdown.js (raw HTML off, safe links only).
import { t } from "./i18n.js";
import { renderMarkdown } from "./markdown.js";

export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    setProp(el, name, value);
  }
  append(el, children);
  return el;
}

function setProp(el, name, value) {
  if (value === null || value === undefined || value === false) return;
  if (name.startsWith("on") && typeof value === "function") {
    el.addEventListener(name.slice(2).toLowerCase(), value);
  } else if (name === "class") {
    el.className = value;
  } else if (name === "value" || name === "checked") {
    el[name] = value;
  } else {
    el.setAttribute(name, value === true ? "" : String(value));
  }
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

export function markdownBlock(source, props = {}) {
  const block = h("div", { ...props, class: "markdown" });
  block.innerHTML = renderMarkdown(source);
  return block;
}

export function labelledPre(label, text) {
  return h("figure", { class: "pre" }, h("figcaption", {}, label), h("pre", { "data-empty": t("common.none") }, text));
}

export function errorBox(error) {
  return h("p", { class: "error", role: "alert" }, error?.message || String(error));
}

export function loading(text = t("common.loading")) {
  return h("p", { class: "muted", role: "status" }, text);
}

/** Disables a button while `action` runs, so a double click never sends twice. */
export async function busy(button, action) {
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  try {
    return await action();
  } finally {
    button.disabled = false;
    button.removeAttribute("aria-busy");
  }
}

/** Runs `action` with `button` busy; a failure is shown in `message`, cleared at each attempt. */
export function attempt(button, message, action) {
  replace(message);
  return busy(button, action).catch((error) => replace(message, error.message));
}

/**
 * Buttons of which one is pressed, as in "한국어 | English". A click presses its button and calls
 * `onPick(value)`; the buttons stay in place, so keyboard focus stays where the user left it.
 */
export function toggleGroup(label, options, current, onPick) {
  const buttons = options.map(([value, text, lang]) =>
    h("button", { type: "button", class: "toggle", lang, "aria-pressed": String(value === current) }, text),
  );
  for (const [index, button] of buttons.entries()) {
    button.addEventListener("click", () => {
      for (const other of buttons) other.setAttribute("aria-pressed", String(other === button));
      onPick(options[index][0]);
    });
  }
  return h("div", { class: "toggle-group", role: "group", "aria-label": label }, buttons);
}

/** Submitting `form` runs `action` as an `attempt`, without leaving the page. */
export function onSubmit(form, button, message, action) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    attempt(button, message, action);
  });
}

/** A "more" button in `more` that loads the next page; a failed load shows its error beside it. */
export function moreButton(more, loadNext) {
  const button = h("button", { type: "button", class: "secondary" }, t("common.more"));
  button.addEventListener("click", () =>
    busy(button, loadNext).catch((error) => replace(more, button, errorBox(error))),
  );
  replace(more, button);
}
