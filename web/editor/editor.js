// The playground's editor: CodeMirror 6 with Lua highlighting, line numbers, undo,
// Tab indents, Ctrl-Enter (Cmd-Enter) runs. npm run build bundles it into
// ../site/editor.js, which the page loads: serving the page needs no npm.
import { EditorState, Prec } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { StreamLanguage, syntaxHighlighting, defaultHighlightStyle, bracketMatching, indentOnInput } from "@codemirror/language";
import { lua } from "@codemirror/legacy-modes/mode/lua";

// create puts an editor holding doc into parent; onRun is Ctrl-Enter.
export function create(parent, doc, onRun) {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), highlightActiveLine(), drawSelection(),
        history(), bracketMatching(), indentOnInput(),
        StreamLanguage.define(lua), syntaxHighlighting(defaultHighlightStyle),
        Prec.highest(keymap.of([{ key: "Mod-Enter", run: () => { onRun(); return true; } }])),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorState.tabSize.of(2),
      ],
    }),
  });
  return {
    get value() { return view.state.doc.toString(); },
    set value(text) { view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }); },
    view,
  };
}
