/**
 * The workspace activity and audit lists' pure parts: the kinds one filters by (each a set of
 * exact event types, so the API's `type` filter matches nothing else), the request for a page,
 * where an entry leads, a fresh first page merged over what is shown, the before/after of an
 * audit entry in words, and "5 minutes ago".
 */
import type { ActivityEntryDto } from "../../../../common/activity.ts";
import { AUDIT_EVENT_TYPES, type DocumentEventType, type WorkspaceEventType } from "../../../../common/events.ts";

export type EventType = DocumentEventType | WorkspaceEventType;

export const ACTIVITY_KINDS = ["annotations", "replies", "reviews", "tags", "members", "invites", "documents", "exports", "webhooks", "workspace"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** What the kind filter offers, in words. */
export const KIND_LABELS: Record<ActivityKind, string> = {
  annotations: "Annotations",
  replies: "Replies",
  reviews: "Claim reviews",
  tags: "Tags",
  members: "Members",
  invites: "Invites",
  documents: "Documents (imported, edited, deleted)",
  exports: "Exports",
  webhooks: "Webhooks",
  workspace: "Workspace (created, renamed)",
};

/** The kind of every event type: a type added to common/events.ts fails to compile here until it has one. */
export const KIND_OF: Record<EventType, ActivityKind> = {
  "annotation.created": "annotations",
  "annotation.updated": "annotations",
  "annotation.deleted": "annotations",
  "annotations.imported": "annotations",
  "reply.created": "replies",
  "reply.updated": "replies",
  "reply.deleted": "replies",
  "claim.reviewed": "reviews",
  "claim.assigned": "reviews",
  "tags.merged": "tags",
  "tag.created": "tags",
  "tag.updated": "tags",
  "tag.merged": "tags",
  "member.joined": "members",
  "member.role_changed": "members",
  "member.removed": "members",
  "invite.created": "invites",
  "invite.accepted": "invites",
  "invite.revoked": "invites",
  "document.imported": "documents",
  "document.edited": "documents",
  "document.deleted": "documents",
  "document.exported": "exports",
  "webhook.created": "webhooks",
  "webhook.updated": "webhooks",
  "webhook.deleted": "webhooks",
  "workspace.created": "workspace",
  "workspace.renamed": "workspace",
};

const AUDIT_TYPES: ReadonlySet<EventType> = new Set(AUDIT_EVENT_TYPES);

/** The event types of a kind (within the audit log's types when `audit`). */
export function typesOf(kind: ActivityKind, audit = false): EventType[] {
  return (Object.keys(KIND_OF) as EventType[]).filter((t) => KIND_OF[t] === kind && (!audit || AUDIT_TYPES.has(t)));
}

/** The kinds an audit log can hold. */
export const AUDIT_KINDS: ActivityKind[] = ACTIVITY_KINDS.filter((k) => typesOf(k, true).length > 0);

export interface ActivityFilters {
  /** A member's id, or "" for anyone. */
  actor: string;
  kind: ActivityKind | "";
}

export const NO_FILTERS: ActivityFilters = { actor: "", kind: "" };

export type ActivityList = "activity" | "audit";

/** The query string (no "?") for a page of a workspace's activity or audit log. */
export function listQuery(list: ActivityList, f: ActivityFilters, opts: { before?: string | null; limit?: number; format?: "csv" } = {}): string {
  const q = new URLSearchParams();
  if (opts.limit !== undefined) q.set("limit", String(opts.limit));
  if (opts.before) q.set("before", opts.before);
  if (f.actor) q.set("actor", f.actor);
  if (f.kind) q.set("type", typesOf(f.kind, list === "audit").join(","));
  if (opts.format) q.set("format", opts.format);
  return q.toString();
}

/** The API path (under /api) of a page of the list. */
export function listPath(list: ActivityList, workspaceId: string, f: ActivityFilters, opts: { before?: string | null; limit?: number } = {}): string {
  return `/workspaces/${encodeURIComponent(workspaceId)}/${list}?${listQuery(list, f, opts)}`;
}

/** Where the audit CSV of the current filters downloads from (a same-origin GET: the session cookie is enough). */
export function auditCsvHref(workspaceId: string, f: ActivityFilters): string {
  return `/api/workspaces/${encodeURIComponent(workspaceId)}/audit?${listQuery("audit", f, { format: "csv" })}`;
}

/**
 * Where an entry leads: its annotation's thread, else its document; nowhere when it concerns
 * no document or one that is gone. (The document page opens an annotation with `?a=`; it has no
 * link to a bare paragraph.)
 */
export function entryHref(e: Pick<ActivityEntryDto, "type" | "documentId" | "annotationId">): { to: string; passage: boolean } | null {
  if (!e.documentId || e.type === "document.deleted") return null;
  const doc = `/d/${encodeURIComponent(e.documentId)}`;
  if (e.annotationId && e.type !== "annotation.deleted") return { to: `${doc}?a=${encodeURIComponent(e.annotationId)}`, passage: true };
  return { to: doc, passage: false };
}

/** Types whose summary opens with the person it is about, who is also the one who did it ("Ana Lee joined as analyst"). */
const SELF_TOLD: ReadonlySet<EventType> = new Set(["member.joined", "member.removed", "invite.accepted"]);

/** Who did it and what, without saying the name twice. */
export function whoAndWhat(e: Pick<ActivityEntryDto, "type" | "actor" | "summary">): { who: string; what: string } {
  const who = e.actor?.displayName ?? "Someone";
  if (e.actor && SELF_TOLD.has(e.type) && e.summary.startsWith(`${who} `)) return { who, what: e.summary.slice(who.length + 1) };
  return { who, what: e.summary };
}

export interface PageOf<E> {
  entries: E[];
  nextBefore: string | null;
}

/**
 * A fresh first page over what is shown: entries not seen yet go on top, older pages already
 * loaded stay below. When the fresh page shares nothing with what is shown and is full, more
 * arrived than a page holds: the list starts again from the fresh page, so no gap hides inside it.
 */
export function mergeFirstPage<E extends { id: string }>(shown: PageOf<E>, fresh: PageOf<E>, limit: number): PageOf<E> {
  if (shown.entries.length === 0) return fresh;
  const seen = new Set(shown.entries.map((e) => e.id));
  const added = fresh.entries.filter((e) => !seen.has(e.id));
  if (added.length === 0) return shown;
  if (added.length === fresh.entries.length && fresh.entries.length >= limit) return fresh;
  return { entries: [...added, ...shown.entries], nextBefore: shown.nextBefore };
}

const FIELD_LABELS: Record<string, string> = { role: "Role", invite: "Invite", name: "Name", document: "Document", status: "Status", tagIds: "Tags" };

/** A before/after value in words: "—" for nothing, lists joined, objects as JSON. */
export function valueText(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.length ? v.map(valueText).join(", ") : "—";
  return JSON.stringify(v);
}

export interface ChangeRow {
  field: string;
  from: string;
  to: string;
}

/** An audit entry's changes as rows for a small table, in the order the server gave them. */
export function changeRows(changes: Record<string, { from: unknown; to: unknown }>): ChangeRow[] {
  return Object.entries(changes).map(([field, c]) => ({ field: FIELD_LABELS[field] ?? field.charAt(0).toUpperCase() + field.slice(1), from: valueText(c.from), to: valueText(c.to) }));
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "just now", "5 minutes ago", "yesterday"… for a time at or before `now`. */
export function timeAgo(iso: string, now: number, locale?: string): string {
  const seconds = Math.round((Date.parse(iso) - now) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const [unit, size] = UNITS.find(([, size]) => Math.abs(seconds) >= size * 0.9) ?? ["minute", 60];
  return rtf.format(Math.round(seconds / size), unit);
}
