// The code editor: CodeMirror 6 with Python highlighting, line numbers, bracket matching and closing,
// smart indentation, undo history and search. Tab indents, and CodeMirror's own escape hatch (Escape,
// then Tab) leaves the editor, so keyboard users are never trapped. Mod-Enter submits and Mod-' runs
// the examples, as on the judges students know.
import { locale, t } from "./i18n.js";
import {
  bracketMatching,
  classHighlighter,
  closeBrackets,
  closeBracketsKeymap,
  defaultKeymap,
  drawSelection,
  EditorState,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSelectionMatches,
  highlightSpecialChars,
  history,
  historyKeymap,
  indentOnInput,
  indentUnit,
  indentWithTab,
  keymap,
  lineNumbers,
  python,
  searchKeymap,
  syntaxHighlighting,
} from "./vendor/editor.js";

// CodeMirror's own words (search panel, screen-reader announcements) in Korean.
const KOREAN_PHRASES = {
  Find: "찾기",
  Replace: "바꾸기",
  next: "다음",
  previous: "이전",
  all: "모두 선택",
  "match case": "대소문자 구분",
  regexp: "정규식",
  "by word": "단어 단위",
  replace: "바꾸기",
  "replace all": "모두 바꾸기",
  close: "닫기",
  "current match": "현재 일치 항목",
  "on line": "줄",
  "replaced $ matches": "$개를 바꿨습니다",
  "replaced match on line $": "$번째 줄의 항목을 바꿨습니다",
  "Go to line": "줄로 이동",
  go: "이동",
  "Control character": "제어 문자",
  "Selection deleted": "선택 영역을 지웠습니다",
};

/**
 * Mounts an editor in `parent` holding `doc`. `onChange(code)` follows every edit (the page keeps
 * drafts with it); `onRun` and `onSubmit` are the keyboard shortcuts' actions.
 */
export function codeEditor(parent, { doc, onChange, onRun, onSubmit, describedBy }) {
  const shortcut = (action) => () => {
    action();
    return true;
  };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        EditorState.allowMultipleSelections.of(true),
        EditorState.tabSize.of(4),
        indentUnit.of("    "),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        syntaxHighlighting(classHighlighter),
        python(),
        keymap.of([
          { key: "Mod-Enter", run: shortcut(onSubmit), preventDefault: true },
          { key: "Mod-'", run: shortcut(onRun), preventDefault: true },
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...searchKeymap,
          ...historyKeymap,
          indentWithTab,
        ]),
        locale() === "ko" ? EditorState.phrases.of(KOREAN_PHRASES) : [],
        EditorView.contentAttributes.of({
          // Editable text is reachable by Tab anyway; saying so lets checkers (axe) see that the
          // scrolling area around it is keyboard-accessible.
          tabindex: "0",
          "aria-label": t("editor.label"),
          "aria-describedby": describedBy,
          spellcheck: "false",
          autocapitalize: "off",
          autocorrect: "off",
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    code: () => view.state.doc.toString(),
    /** Replaces the whole text as one edit, so Ctrl+Z brings the old text back. */
    replace: (text) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }),
    focus: () => view.focus(),
  };
}
