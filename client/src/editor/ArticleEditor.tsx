/**
 * The article in a TipTap editor: read-only text with a caret, so it can be read, selected by
 * mouse or keyboard, and annotated. Highlights and overlays come in as decorations (plugins.ts);
 * this component reports selections, clicks on highlights and the annotate shortcuts.
 *
 * A long article is put in by pieces: the editor is made with its first blocks, the rest follow
 * in later tasks (appended as the page's own text, not as edits), so no single task builds the
 * whole article's DOM. The editor is reported ready (`onReady`) once the whole text is in:
 * nothing that reads positions (highlights, anchors, navigation, edits) sees a partial text.
 *
 * The text follows `paragraphs` live: a change is put in as one transaction replacing only what
 * differs, so selections and drawn layers move with the words (a change arriving while the
 * article is still being put in waits for the end of it). In editing mode (editors) the
 * text inside paragraphs can be typed; Enter, Backspace at a paragraph's start and Delete at its
 * end become split and merge steps of the edit path (`onStructure`).
 */
import { useEffect, useRef, useState, type ReactNode } from "react";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import { TextSelection } from "@tiptap/pm/state";
import { ReplaceStep, type Mappable } from "@tiptap/pm/transform";
import type { AnnotationKind } from "../../../common/annotations.ts";
import type { ParagraphDto } from "../../../common/documents.ts";
import { articleExtensions } from "./article-schema.ts";
import { articleInPieces } from "./article-doc.ts";
import { AnnotationLayers, appendBlocks, highlightSegments, keepDomSelection, type Appending } from "./plugins.ts";
import { blockAt, buildBlockIndex, pointToPos, rangeToAnchor, type BlockIndex } from "./anchors.ts";
import { isTextEditing, setTextEditing, TextGuard, FROM_SERVER } from "../features/editing/text-guard.ts";
import { blockContent, syncTransaction } from "../features/editing/text-sync.ts";
import type { InlineMarkRange } from "../features/editing/edit-buffer.ts";
import type { CaretTarget, StructureStep } from "../features/editing/use-text-editing.ts";
import { TrackedChanges } from "../features/editing/tracked-changes.ts";
import { installPalette, segmentAt } from "./highlights.ts";
import { SelectionToolbar, SHORTCUT_KINDS, type SelectionInfo } from "./SelectionToolbar.tsx";
import "./highlights.css";

export interface ArticleEditorProps {
  paragraphs: ParagraphDto[];
  canAnnotate: boolean;
  /** Hide the toolbar (an annotation is being written). */
  composing: boolean;
  onReady(editor: Editor, index: BlockIndex): void;
  onSelection(range: { from: number; to: number } | null): void;
  onAnnotate(kind: AnnotationKind, selection: SelectionInfo): void;
  /** The annotations at `pos` (innermost first), clicked or under the caret when Enter was pressed. */
  onOpenAnnotation(ids: string[], via: "mouse" | "keyboard", pos: number): void;
  /** Drawn over the text (positioned against it), e.g. the list of overlapping annotations. */
  overlay?: ReactNode;
  /** Editing mode: text inside paragraphs can be typed. */
  editing?: boolean;
  /** A split or merge is on its way: the text waits for it. */
  locked?: boolean;
  /** The text changed under the reader (`mapping` carries positions from before to after). */
  onTextChange?(index: BlockIndex, mapping: Mappable): void;
  /** The person typed in a paragraph (editing mode). */
  onTyped?(paragraphId: string, text: string, marks: InlineMarkRange[]): void;
  /** Enter, Backspace or Delete at a paragraph's edge (editing mode); false when it cannot go now. */
  onStructure?(step: StructureStep): boolean;
  /** The paragraph holding the caret (editing mode), for the block menu. */
  onCaretBlock?(paragraphId: string | null): void;
  /** Where to put the caret once new text is in (after a split or merge). */
  takeCaret?(): CaretTarget | null;
}

/**
 * Blocks the editor is made with when the article is longer (a few screenfuls: the sections
 * holding at least this many); the rest goes in by sections in later tasks. Sections off screen
 * are kept out of layout by the browser (styles.css), so each step lays out little.
 */
const FIRST_BLOCKS = 40;

function selectionInfo(editor: Editor, index: BlockIndex): SelectionInfo | null {
  const { from, to, empty } = editor.state.selection;
  if (empty) return null;
  const anchor = rangeToAnchor(editor.state.doc, index, from, to);
  return anchor ? { from, to, anchor } : null;
}

export function ArticleEditor(props: ArticleEditorProps) {
  const { paragraphs, canAnnotate, composing } = props;
  const handlers = useRef(props);
  handlers.current = props;
  const indexRef = useRef<BlockIndex | null>(null);
  const [selection, setSelection] = useState<SelectionInfo | null>(null);
  const [editorFocused, setEditorFocused] = useState(false);
  const [toolbarFocused, setToolbarFocused] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  // The editor is made once, from the first paragraphs; later ones come in as transactions.
  // A long article: made with its first blocks, the rest appended in later tasks.
  const [content] = useState(() => articleInPieces(paragraphs, FIRST_BLOCKS));
  const [loaded, setLoaded] = useState(content.left === 0);
  const appending = useRef<Appending | null>(null);
  const syncedParagraphs = useRef(paragraphs);

  const editor = useEditor(
    {
      extensions: [...articleExtensions(), TextGuard, AnnotationLayers, TrackedChanges],
      content: content.first,
      editable: true,
      injectCSS: false,
      enableInputRules: false,
      enablePasteRules: false,
      editorProps: {
        attributes: (state) => ({
          class: isTextEditing(state) ? "article-text editing" : "article-text",
          role: "textbox",
          "aria-readonly": isTextEditing(state) ? "false" : "true",
          "aria-multiline": "true",
          "aria-label": "Article text",
          "aria-describedby": "article-help",
          spellcheck: isTextEditing(state) ? "true" : "false",
        }),
        handleKeyDown: (view, event) => {
          const h = handlers.current;
          if (isTextEditing(view.state) || h.editing) {
            // A caret just moved by the browser (an arrow key) may not be read yet: read it first.
            const synced = keepDomSelection(view, view.state.tr);
            if (synced.selectionSet) view.dispatch(synced);
            return editingKey(view.state, event);
          }
          if (h.canAnnotate && event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey) {
            const kind = SHORTCUT_KINDS[event.code];
            const index = indexRef.current;
            if (kind && index) {
              // A selection the browser has just extended (Shift+arrows) may not be read yet.
              const synced = keepDomSelection(view, view.state.tr);
              if (synced.selectionSet) view.dispatch(synced);
              const { from, to } = view.state.selection;
              const anchor = rangeToAnchor(view.state.doc, index, from, to);
              if (anchor) h.onAnnotate(kind, { from, to, anchor });
              return true;
            }
          }
          if (event.key === "Enter" && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
            const seg = segmentAt(highlightSegments(view.state), view.state.selection.head);
            if (seg) h.onOpenAnnotation(seg.ids, "keyboard", view.state.selection.head);
            return true;
          }
          return false;
        },
        handleClick: (view, pos, event) => {
          // ProseMirror calls this for a click, not a drag, before it moves the selection: the
          // selection still holds whatever was selected before (say, a passage just opened).
          // Only a click that extends the selection is left alone.
          if (event.shiftKey || handlers.current.editing) return false;
          const seg = segmentAt(highlightSegments(view.state), pos);
          if (seg && pos > seg.from && pos < seg.to) handlers.current.onOpenAnnotation(seg.ids, "mouse", pos);
          return false;
        },
      },
      onCreate: ({ editor: e }) => {
        const ready = () => {
          performance.mark("scholia:article-created");
          const index = buildBlockIndex(e.state.doc);
          indexRef.current = index;
          handlers.current.onReady(e as Editor, index);
          setLoaded(true);
        };
        if (content.left === 0) ready();
        else appending.current = appendBlocks(e.view, content.rest(), ready);
      },
      onUpdate: ({ editor: e, transaction: tr }) => {
        if (tr.getMeta(FROM_SERVER)) return;
        // Typing (editing mode): read the paragraphs the steps touched.
        const pids = new Set<string>();
        tr.steps.forEach((step, i) => {
          if (!(step instanceof ReplaceStep)) return;
          const pid = tr.docs[i]!.resolve(step.from).parent.attrs.pid as string | null;
          if (pid) pids.add(pid);
        });
        const index = buildBlockIndex(e.state.doc);
        // The article still being put in: positions are given out once it is whole.
        if (indexRef.current) indexRef.current = index;
        for (const pid of pids) {
          const block = index.byPid.get(pid);
          const node = block ? e.state.doc.nodeAt(block.start - 1) : null;
          if (!node) continue;
          const { text, marks } = blockContent(node);
          handlers.current.onTyped?.(pid, text, marks);
        }
      },
      onSelectionUpdate: ({ editor: e }) => {
        const index = indexRef.current;
        if (!index) return;
        if (handlers.current.editing) handlers.current.onCaretBlock?.(blockAt(index, e.state.selection.head, 1)?.pid ?? null);
        const info = selectionInfo(e as Editor, index);
        setSelection(info);
        const { from, to } = e.state.selection;
        handlers.current.onSelection(to > from ? { from, to } : null);
      },
      onFocus: () => setEditorFocused(true),
      onBlur: ({ event }) => {
        // Tabbing from the text into its toolbar must not hide the toolbar on the way.
        const next = event.relatedTarget as Node | null;
        if (next && wrapper.current?.querySelector(".selection-toolbar")?.contains(next)) setToolbarFocused(true);
        setEditorFocused(false);
      },
    },
    [content],
  );

  useEffect(() => () => setSelection(null), [content]);
  useEffect(() => () => appending.current?.cancel(), [content]);

  // New paragraphs (an edit, live): put in only what differs, then re-index and place the caret.
  // While the article is still being put in, they wait: the comparison needs the whole text.
  useEffect(() => {
    if (!editor || editor.isDestroyed || !loaded || syncedParagraphs.current === paragraphs) return;
    const previous = syncedParagraphs.current;
    syncedParagraphs.current = paragraphs;
    const tr = syncTransaction(editor.state, paragraphs, previous);
    if (tr) editor.view.dispatch(tr);
    const index = buildBlockIndex(editor.state.doc);
    indexRef.current = index;
    handlers.current.onTextChange?.(index, tr?.mapping ?? { map: (pos: number) => pos, mapResult: (pos: number) => ({ pos, deleted: false, deletedBefore: false, deletedAfter: false, deletedAcross: false }) } as Mappable);
    const caret = handlers.current.takeCaret?.();
    const pos = caret ? pointToPos(index, caret) : null;
    if (pos !== null) {
      editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, pos)));
      editor.view.focus();
    }
  }, [editor, paragraphs, loaded]);

  const editing = !!props.editing;
  const typable = editing && !props.locked;
  useEffect(() => {
    if (!editor || editor.isDestroyed || isTextEditing(editor.state) === typable) return;
    editor.view.dispatch(setTextEditing(editor.state, typable));
  }, [editor, typable]);

  /** Keys of editing mode: paragraph breaks and joins go through the edit path. */
  function editingKey(state: Editor["state"], event: KeyboardEvent): boolean {
    const h = handlers.current;
    const index = indexRef.current;
    if (!index || event.altKey || event.ctrlKey || event.metaKey) return false;
    const { empty, head } = state.selection;
    const block = blockAt(index, head, 1);
    if (event.key === "Enter") {
      if (!event.shiftKey && empty && block && head >= block.start && head <= block.start + block.size) h.onStructure?.({ op: "split", paragraphId: block.pid, offset: head - block.start });
      return true;
    }
    if (!isTextEditing(state)) return false;
    if (event.key === "Backspace" && empty && block && head === block.start) {
      const prev = index.blocks[block.order - 1];
      if (prev) h.onStructure?.({ op: "merge", paragraphId: prev.pid });
      return true;
    }
    if (event.key === "Delete" && empty && block && head === block.start + block.size) {
      const next = index.blocks[block.order + 1];
      if (next) h.onStructure?.({ op: "merge", paragraphId: block.pid });
      return true;
    }
    return false;
  }
  useEffect(() => installPalette(), []);

  const toolbarSelection = canAnnotate && !composing && !editing && (editorFocused || toolbarFocused) ? selection : null;
  return (
    <div className={loaded ? "article-wrapper" : "article-wrapper loading"} ref={wrapper}>
      <p id="article-help" className="visually-hidden">
        {editing
          ? "Editing the article's text. Type to change a paragraph; Enter splits it, Backspace at its start joins it to the one before, Delete at its end joins the next one. Changes are saved after a pause, or with Save."
          : canAnnotate
          ? "Read-only article. Move with the arrow keys and select with Shift. Alt+Shift+C comments, Alt+Shift+H highlights, Alt+Shift+L marks a claim. Enter on a highlight opens its thread (a list when several overlap). Question mark lists every shortcut."
          : "Read-only article. Enter on a highlight opens its thread (a list when several overlap). Question mark lists every shortcut."}
      </p>
      <EditorContent editor={editor} />
      {props.overlay}
      {toolbarSelection && editor && (
        <SelectionToolbar
          editor={editor}
          container={wrapper.current}
          selection={toolbarSelection}
          onFocusChange={setToolbarFocused}
          onChoose={(kind) => {
            setToolbarFocused(false);
            props.onAnnotate(kind, toolbarSelection);
          }}
        />
      )}
    </div>
  );
}
