/**
 * Who may change the article's text in the editor: nobody while reading (selection and caret
 * still move), the person in editing mode inside one paragraph at a time, and the page itself
 * when it puts the server's text in (transactions marked FROM_SERVER). Splitting, joining and
 * changing blocks go through the edit path instead (ArticleEditor turns their keys into ops).
 */
import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { ReplaceStep } from "@tiptap/pm/transform";

/** Meta on a transaction that puts the server's text into the editor. */
export const FROM_SERVER = "scholia:fromServer";

export const textEditingKey = new PluginKey<boolean>("textEditing");

export function isTextEditing(state: EditorState): boolean {
  return textEditingKey.getState(state) === true;
}

/** Turns editing mode on or off (no change to the text). */
export function setTextEditing(state: EditorState, on: boolean): Transaction {
  return state.tr.setMeta(textEditingKey, on).setMeta("addToHistory", false);
}

/** True when every step of `tr` replaces inline content inside one paragraph. */
export function staysInParagraphs(tr: Transaction): boolean {
  return tr.steps.every((step, i) => {
    if (!(step instanceof ReplaceStep)) return false;
    const doc = tr.docs[i]!;
    const { from, to, slice } = step;
    const $from = doc.resolve(from);
    const $to = doc.resolve(to);
    if ($from.parent !== $to.parent || !$from.parent.isTextblock || !$from.parent.attrs.pid) return false;
    if (slice.openStart !== 0 || slice.openEnd !== 0) return false;
    let inline = true;
    slice.content.forEach((n) => {
      if (!n.isInline) inline = false;
    });
    return inline;
  });
}

export const TextGuard = Extension.create({
  name: "textGuard",
  addProseMirrorPlugins() {
    return [
      new Plugin<boolean>({
        key: textEditingKey,
        state: {
          init: () => false,
          apply: (tr, on) => (tr.getMeta(textEditingKey) as boolean | undefined) ?? on,
        },
        filterTransaction: (tr, state) => !tr.docChanged || tr.getMeta(FROM_SERVER) === true || (isTextEditing(state) && staysInParagraphs(tr)),
        props: {
          handleDOMEvents: {
            beforeinput: (view, event) => {
              if (isTextEditing(view.state)) return false;
              event.preventDefault();
              return true;
            },
          },
          handlePaste: (view, event) => {
            if (!isTextEditing(view.state)) return true;
            // Plain text only, on one line: a paragraph break is an edit of its own (Enter).
            const text = (event.clipboardData?.getData("text/plain") ?? "").replace(/\s*[\r\n]+\s*/g, " ");
            if (text) view.dispatch(view.state.tr.insertText(text));
            return true;
          },
          handleDrop: () => true,
          handleTextInput: (view) => !isTextEditing(view.state),
        },
      }),
    ];
  },
});
