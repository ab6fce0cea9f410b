/** An annotation's history entries in words (pure, for the history list and its tests). */
import type { AnnotationKind } from "../../../../common/annotations.ts";
import { ANNOTATION_KINDS } from "../../../../common/annotations.ts";
import { KIND_LABELS } from "./labels.ts";

type Changes = Record<string, { from: unknown; to: unknown }>;

const isKind = (v: unknown): v is AnnotationKind => typeof v === "string" && (ANNOTATION_KINDS as readonly string[]).includes(v);
const ids = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const text = (v: unknown): string => (typeof v === "string" ? v : "");

function quote(s: string, max = 80): string {
  const flat = s.replace(/\s+/g, " ").trim();
  if (!flat) return "(empty)";
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`;
}

/** What an edit changed, one phrase per field: note before → after, kind, tags added/removed. */
export function describeEdit(changes: Changes, tagName: (id: string) => string): string[] {
  const out: string[] = [];
  const { note, kind, tagIds } = changes;
  if (kind && isKind(kind.from) && isKind(kind.to)) out.push(`kind: ${KIND_LABELS[kind.from]} → ${KIND_LABELS[kind.to]}`);
  if (note) out.push(`note: ${quote(text(note.from))} → ${quote(text(note.to))}`);
  if (tagIds) {
    const before = ids(tagIds.from);
    const after = ids(tagIds.to);
    const added = after.filter((t) => !before.includes(t)).map(tagName);
    const removed = before.filter((t) => !after.includes(t)).map(tagName);
    if (added.length) out.push(`tags added: ${added.join(", ")}`);
    if (removed.length) out.push(`tags removed: ${removed.join(", ")}`);
  }
  return out;
}
