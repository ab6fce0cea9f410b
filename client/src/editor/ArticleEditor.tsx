/**
 * The article in a TipTap editor: read-only text with a caret, so it can be read, selected by
 * mouse or keyboard, and annotated. Highlights and overlays come in as decorations (plugins.ts);
 * this component reports selections, clicks on highlights and the annotate shortcuts.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import type { AnnotationKind } from "../../../common/annotations.ts";
import type { ParagraphDto } from "../../../common/documents.ts";
import { articleExtensions } from "./article-schema.ts";
import { articleContent } from "./article-doc.ts";
import { AnnotationLayers, highlightSegments, ReadOnlyText } from "./plugins.ts";
import { buildBlockIndex, rangeToAnchor, type BlockIndex } from "./anchors.ts";
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
}

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
  const content = useMemo(() => articleContent(paragraphs), [paragraphs]);

  const editor = useEditor(
    {
      extensions: [...articleExtensions(), ReadOnlyText, AnnotationLayers],
      content,
      editable: true,
      injectCSS: false,
      enableInputRules: false,
      enablePasteRules: false,
      editorProps: {
        attributes: {
          class: "article-text",
          role: "textbox",
          "aria-readonly": "true",
          "aria-multiline": "true",
          "aria-label": "Article text",
          "aria-describedby": "article-help",
          spellcheck: "false",
        },
        handleKeyDown: (view, event) => {
          const h = handlers.current;
          if (h.canAnnotate && event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey) {
            const kind = SHORTCUT_KINDS[event.code];
            const index = indexRef.current;
            if (kind && index) {
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
          if (event.shiftKey) return false;
          const seg = segmentAt(highlightSegments(view.state), pos);
          if (seg && pos > seg.from && pos < seg.to) handlers.current.onOpenAnnotation(seg.ids, "mouse", pos);
          return false;
        },
      },
      onCreate: ({ editor: e }) => {
        const index = buildBlockIndex(e.state.doc);
        indexRef.current = index;
        handlers.current.onReady(e as Editor, index);
      },
      onSelectionUpdate: ({ editor: e }) => {
        const index = indexRef.current;
        if (!index) return;
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
  useEffect(() => installPalette(), []);

  const toolbarSelection = canAnnotate && !composing && (editorFocused || toolbarFocused) ? selection : null;
  return (
    <div className="article-wrapper" ref={wrapper}>
      <p id="article-help" className="visually-hidden">
        {canAnnotate
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
