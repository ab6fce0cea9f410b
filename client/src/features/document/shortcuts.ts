/**
 * Every keyboard shortcut of the document page, in one table: the help overlay lists it, and
 * buttons take their titles and aria-keyshortcuts from it, so the two never disagree.
 */

export interface Shortcut {
  /** The keys as shown to people, e.g. "Alt+Shift+C". */
  keys: string;
  /** The same for aria-keyshortcuts. */
  aria: string;
  /** What it does. */
  does: string;
}

export const SHORTCUTS = {
  help: { keys: "?", aria: "?", does: "Show this list of shortcuts" },
  comment: { keys: "Alt+Shift+C", aria: "Alt+Shift+C", does: "Comment on the selected text" },
  highlight: { keys: "Alt+Shift+H", aria: "Alt+Shift+H", does: "Highlight the selected text" },
  claim: { keys: "Alt+Shift+L", aria: "Alt+Shift+L", does: "Mark the selected text as a claim" },
  select: { keys: "Shift+Arrows", aria: "Shift+ArrowRight", does: "Select text in the article" },
  openHere: { keys: "Enter", aria: "Enter", does: "Open the annotation under the caret (a list when several overlap)" },
  listMove: { keys: "↑ ↓ Home End PageUp PageDown", aria: "ArrowUp ArrowDown Home End PageUp PageDown", does: "Move through the annotations; the article scrolls to each passage" },
  listOpen: { keys: "Enter", aria: "Enter", does: "Open the annotation's thread" },
  back: { keys: "Escape", aria: "Escape", does: "Back from a thread to the list (from a text field: first to the thread's heading)" },
  prevClaim: { keys: "[", aria: "[", does: "Previous claim" },
  nextClaim: { keys: "]", aria: "]", does: "Next claim" },
  save: { keys: "Ctrl+Enter", aria: "Control+Enter", does: "Save an annotation, an edit or a reply" },
  cancel: { keys: "Escape", aria: "Escape", does: "Cancel a new annotation or an edit" },
  mention: { keys: "@, then ↑ ↓ Enter Tab Escape", aria: "@", does: "Mention a member in a reply" },
  pickerMove: { keys: "↑ ↓, Escape", aria: "ArrowUp ArrowDown Escape", does: "Choose among overlapping annotations; Escape goes back to the text" },
} satisfies Record<string, Shortcut>;

export type ShortcutName = keyof typeof SHORTCUTS;

/** The help overlay's sections, in reading order. */
export const SHORTCUT_GROUPS: Array<{ title: string; names: ShortcutName[] }> = [
  { title: "Anywhere on this page", names: ["help"] },
  { title: "In the article", names: ["select", "comment", "highlight", "claim", "openHere", "pickerMove"] },
  { title: "In the annotation list", names: ["listMove", "listOpen"] },
  { title: "In a thread", names: ["back", "prevClaim", "nextClaim"] },
  { title: "Writing", names: ["save", "cancel", "mention"] },
];

/** A button's title with its shortcut, e.g. "Next claim (])". */
export function titled(label: string, name: ShortcutName): string {
  return `${label} (${SHORTCUTS[name].keys})`;
}

/** True when keys typed here are text (a field, a select, a rich editor), not commands. */
export function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  // The article is read with the keys, except in editing mode, where it takes text.
  if (target.closest(".article-text")) return !!target.closest(".article-text.editing");
  if (target instanceof HTMLInputElement) return !["checkbox", "radio", "button", "submit", "reset"].includes(target.type);
  return target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}
