// The playground's editor: CodeMirror 6 with Lua highlighting, line numbers, undo,
// Tab indents, Ctrl-Enter (Cmd-Enter) runs. npm run build bundles it into
// ../site/editor.js, which the page loads: serving the page needs no npm.
import { EditorState, Prec, StateEffect, StateField } from "@codemirror/state";
import { EditorView, Decoration, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { StreamLanguage, syntaxHighlighting, defaultHighlightStyle, bracketMatching, indentOnInput } from "@codemirror/language";
import { lua } from "@codemirror/legacy-modes/mode/lua";

// The lines step mode marks: where the ready tasks go on.
const setMarked = StateEffect.define();
const nextLine = Decoration.line({ class: "cm-next-line" });
const marked = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) {
      if (e.is(setMarked)) {
        const lines = [...new Set(e.value)].filter((n) => n >= 1 && n <= tr.state.doc.lines).sort((a, b) => a - b);
        return Decoration.set(lines.map((n) => nextLine.range(tr.state.doc.line(n).from)));
      }
    }
    return tr.docChanged ? Decoration.none : deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

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
        EditorState.tabSize.of(2), marked,
        EditorView.theme({ ".cm-next-line": { backgroundColor: "#fff3b0" } }),
      ],
    }),
  });
  return {
    get value() { return view.state.doc.toString(); },
    set value(text) { view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } }); },
    // mark shows lines (numbers from 1) as where tasks go on; [] clears them.
    mark(lines) {
      view.dispatch({ effects: setMarked.of(lines) });
      if (lines.length) view.dispatch({ effects: EditorView.scrollIntoView(view.state.doc.line(Math.min(lines[0], view.state.doc.lines)).from, { y: "center" }) });
    },
    view,
  };
}
