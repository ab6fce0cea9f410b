/**
 * A small rich-text editor for notes and replies: the same TipTap extensions the server checks
 * bodies against (common/editor/body-schema.ts), with @mention autocomplete of the members.
 * Ctrl+Enter submits; in the mention list, arrows move, Enter/Tab pick, Escape closes.
 */
import { forwardRef, useEffect, useImperativeHandle, useMemo, useRef, useState } from "react";
import { EditorContent, useEditor, type JSONContent } from "@tiptap/react";
import Mention from "@tiptap/extension-mention";
import type { SuggestionKeyDownProps, SuggestionProps } from "@tiptap/suggestion";
import { bodyExtensions } from "../../../../common/editor/body-schema.ts";
import type { MemberDto } from "../../../../common/workspaces.ts";

export interface BodyEditorHandle {
  /** The body to send, or null when empty. */
  body(): { format: "rich"; doc: Record<string, unknown> } | null;
  clear(): void;
  focus(): void;
}

interface MentionItem {
  id: string;
  label: string;
}

interface SuggestionState {
  items: MentionItem[];
  selected: number;
  command: (item: MentionItem) => void;
}

const MAX_SUGGESTIONS = 8;

export const BodyEditor = forwardRef<BodyEditorHandle, {
  id: string;
  label: string;
  members: MemberDto[];
  initial?: JSONContent | string;
  onSubmit(): void;
  onCancel?(): void;
  onInput?(): void;
  onBlur?(): void;
}>(function BodyEditor(props, ref) {
  const { id, label, members } = props;
  const latest = useRef(props);
  latest.current = props;
  const [suggestion, setSuggestion] = useState<SuggestionState | null>(null);
  const suggestionRef = useRef<SuggestionState | null>(null);
  suggestionRef.current = suggestion;
  const membersRef = useRef(members);
  membersRef.current = members;
  const listId = `${id}-mentions`;

  const extensions = useMemo(
    () =>
      bodyExtensions().map((ext) =>
        ext.name !== "mention"
          ? ext
          : Mention.configure({
              HTMLAttributes: { class: "mention" },
              suggestion: {
                items: ({ query }) => {
                  const q = query.toLowerCase();
                  return membersRef.current
                    .filter((m) => m.displayName.toLowerCase().includes(q))
                    .slice(0, MAX_SUGGESTIONS)
                    .map((m) => ({ id: m.userId, label: m.displayName }));
                },
                render: () => ({
                  onStart: (p: SuggestionProps<MentionItem>) => setSuggestion({ items: p.items, selected: 0, command: p.command }),
                  onUpdate: (p: SuggestionProps<MentionItem>) => setSuggestion((s) => ({ items: p.items, selected: Math.min(s?.selected ?? 0, Math.max(0, p.items.length - 1)), command: p.command })),
                  onExit: () => setSuggestion(null),
                  onKeyDown: ({ event }: SuggestionKeyDownProps) => {
                    const s = suggestionRef.current;
                    if (!s || s.items.length === 0) return false;
                    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
                      const delta = event.key === "ArrowDown" ? 1 : -1;
                      setSuggestion({ ...s, selected: (s.selected + delta + s.items.length) % s.items.length });
                      return true;
                    }
                    if (event.key === "Enter" || event.key === "Tab") {
                      s.command(s.items[s.selected]!);
                      return true;
                    }
                    if (event.key === "Escape") {
                      // Closing the list is all Escape does here (not leaving the thread too).
                      event.stopPropagation();
                      setSuggestion(null);
                      return true;
                    }
                    return false;
                  },
                }),
              },
            }),
      ),
    [],
  );

  const editor = useEditor({
    extensions,
    content: typeof props.initial === "string" ? `<p>${escapeHtml(props.initial)}</p>` : (props.initial ?? ""),
    injectCSS: false,
    editorProps: {
      attributes: { id, class: "body-editor", role: "textbox", "aria-multiline": "true", "aria-label": label, "aria-autocomplete": "list" },
      handleKeyDown: (_view, event) => {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          latest.current.onSubmit();
          return true;
        }
        if (event.key === "Escape" && !suggestionRef.current && latest.current.onCancel) {
          event.stopPropagation();
          latest.current.onCancel();
          return true;
        }
        return false;
      },
    },
    onUpdate: () => latest.current.onInput?.(),
    onBlur: () => latest.current.onBlur?.(),
  });

  // The mention list is announced through the text box's active descendant.
  useEffect(() => {
    const dom = editor?.view.dom;
    if (!dom) return;
    if (suggestion && suggestion.items.length > 0) {
      dom.setAttribute("aria-controls", listId);
      dom.setAttribute("aria-activedescendant", `${listId}-${suggestion.selected}`);
    } else {
      dom.removeAttribute("aria-controls");
      dom.removeAttribute("aria-activedescendant");
    }
  }, [editor, suggestion, listId]);

  useImperativeHandle(
    ref,
    () => ({
      body: () => {
        if (!editor || editor.isEmpty || editor.getText().trim() === "") return null;
        return { format: "rich", doc: editor.getJSON() as Record<string, unknown> };
      },
      clear: () => editor?.commands.clearContent(true),
      focus: () => editor?.commands.focus("end"),
    }),
    [editor],
  );

  return (
    <div className="body-editor-wrap">
      <EditorContent editor={editor} />
      {suggestion && suggestion.items.length > 0 && (
        <ul id={listId} role="listbox" aria-label="Mention a member" className="mention-list">
          {suggestion.items.map((item, i) => (
            <li
              key={item.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === suggestion.selected}
              onMouseDown={(e) => {
                e.preventDefault();
                suggestion.command(item);
              }}
            >
              @{item.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
