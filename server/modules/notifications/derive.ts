/**
 * Who is told what, from the events one mutation wrote. Pure: `candidatesOf` reads the events
 * alone; `deriveNotifications` settles the candidates against a few facts looked up in the same
 * transaction (record.ts) — who wrote the claim, who is in the thread, who is still a member,
 * what each person wants, who was already told of a mention.
 *
 * Rules: @mentions in a new or edited note or reply (each person once per note or reply);
 * a reply tells the thread's starter and everyone who replied in it; an assignment tells the
 * assignee; a verdict (a move to supported, disputed, false, misleading or unverifiable) tells
 * the claim's author; an accepted suggestion tells its author. Never the actor, never someone who
 * is no longer a member, never a kind the person turned off, and at most one notification per
 * person per event (a mention wins over a reply, say).
 */
import type { DocumentEventDto } from "../../../common/events.ts";
import { DEFAULT_NOTIFICATION_SETTINGS, IMMEDIATE_KINDS, type EmailMode, type NotificationKind } from "../../../common/notifications.ts";
import { isVerdict, type ClaimStatus } from "../../../common/review.ts";
import { eventKey } from "../events/event-log.ts";

type Recipients = { users: string[] } | { authorOf: string } | { threadOf: string };

/** A notification some people may get, before the facts settle who. */
export interface Candidate {
  kind: NotificationKind;
  recipients: Recipients;
  event: DocumentEventDto;
  annotationId: string;
  replyId: string | null;
  /** A mention is told once per note or reply: this is the note's or reply's id. */
  onceFor: string | null;
  quote: string | null;
  excerpt: string | null;
  status: ClaimStatus | null;
}

/** What the transaction knows about the people and things the candidates name. */
export interface Facts {
  documents: ReadonlyMap<string, { workspaceId: string; title: string }>;
  /** Annotations named by assignments, verdicts and replies: their author and passage. */
  annotations: ReadonlyMap<string, { authorId: string; quote: string }>;
  /** Annotation id -> the authors of its live replies. */
  repliers: ReadonlyMap<string, readonly string[]>;
  /** Workspace id -> its members among the recipients. */
  members: ReadonlyMap<string, ReadonlySet<string>>;
  /** Saved settings; someone without a row has the defaults. */
  settings: ReadonlyMap<string, { kinds: Record<NotificationKind, boolean>; email: EmailMode }>;
  /** `${userId} ${noteOrReplyId}` for mentions already told. */
  mentioned: ReadonlySet<string>;
  /** Display names of the actors. */
  names: ReadonlyMap<string, string>;
  /** Whether e-mail is sent at all (SMTP configured). */
  mailEnabled: boolean;
}

/** What the inbox row shows, snapshotted when it is written. */
export interface NotificationContent {
  actorName: string | null;
  documentTitle: string | null;
  quote: string | null;
  excerpt: string | null;
  status: ClaimStatus | null;
}

/** A notification to write. */
export interface NotificationRow {
  userId: string;
  kind: NotificationKind;
  workspaceId: string;
  documentId: string;
  annotationId: string;
  replyId: string | null;
  actorId: string | null;
  sourceEvent: string;
  content: NotificationContent;
  email: "none" | "immediate" | "digest";
}

const QUOTE_CHARS = 160;
const EXCERPT_CHARS = 280;

function shorten(text: string | null | undefined, max: number): string | null {
  if (!text) return null;
  const flat = text.replace(/\s+/g, " ").trim();
  if (!flat) return null;
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A person told of the same event for two reasons gets the first of these. */
const PRIORITY: readonly NotificationKind[] = ["mention", "assignment", "verdict", "suggestion", "reply"];

/** The candidates the events allow, without any lookup. */
export function candidatesOf(events: readonly DocumentEventDto[]): Candidate[] {
  const out: Candidate[] = [];
  const base = (event: DocumentEventDto, annotationId: string) => ({ event, annotationId, replyId: null, onceFor: null, quote: null, excerpt: null, status: null });
  for (const e of events) {
    switch (e.type) {
      case "annotation.created":
      case "annotation.updated": {
        const a = e.payload.annotation;
        const quote = shorten(a.anchor.quote, QUOTE_CHARS);
        if (a.body.format === "rich" && a.body.mentions.length > 0) {
          out.push({ ...base(e, a.id), kind: "mention", recipients: { users: a.body.mentions }, onceFor: a.id, quote, excerpt: shorten(a.body.text, EXCERPT_CHARS) });
        }
        // Accepted: the suggestion's decision and the edit it made come in the same mutation.
        const s = a.suggestion;
        const accepted =
          e.type === "annotation.updated" &&
          s?.state === "accepted" &&
          events.some((x) => x.type === "document.edited" && x.documentId === e.documentId && x.payload.version === s.appliedVersion);
        if (accepted) out.push({ ...base(e, a.id), kind: "suggestion", recipients: { users: [a.author.id] }, quote, excerpt: shorten(s.replacement, EXCERPT_CHARS) ?? "(the passage removed)" });
        break;
      }
      case "reply.created":
      case "reply.updated": {
        const r = e.payload.reply;
        const excerpt = shorten(r.body?.text, EXCERPT_CHARS);
        const reply = { ...base(e, r.annotationId), replyId: r.id, excerpt };
        if (r.mentions.length > 0) out.push({ ...reply, kind: "mention", recipients: { users: r.mentions }, onceFor: r.id });
        if (e.type === "reply.created") out.push({ ...reply, kind: "reply", recipients: { threadOf: r.annotationId } });
        break;
      }
      case "claim.assigned": {
        const assignee = e.payload.claim.assigneeId;
        if (assignee && e.payload.change?.changes.assigneeId) out.push({ ...base(e, e.payload.annotationId), kind: "assignment", recipients: { users: [assignee] } });
        break;
      }
      case "claim.reviewed": {
        const c = e.payload.change;
        if (c && c.fromStatus !== c.toStatus && isVerdict(c.toStatus)) {
          out.push({ ...base(e, e.payload.annotationId), kind: "verdict", recipients: { authorOf: e.payload.annotationId }, status: c.toStatus, excerpt: shorten(e.payload.claim.rationale, EXCERPT_CHARS) });
        }
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** The people a candidate names, once the facts are known. */
function recipientsOf(c: Candidate, facts: Facts): string[] {
  const r = c.recipients;
  if ("users" in r) return r.users;
  const author = facts.annotations.get("authorOf" in r ? r.authorOf : r.threadOf)?.authorId;
  if ("authorOf" in r) return author ? [author] : [];
  return [...(author ? [author] : []), ...(facts.repliers.get(r.threadOf) ?? [])];
}

function emailFor(kind: NotificationKind, mode: EmailMode, mailEnabled: boolean): NotificationRow["email"] {
  if (!mailEnabled || mode === "off") return "none";
  return mode === "immediate" && IMMEDIATE_KINDS.includes(kind) ? "immediate" : "digest";
}

/** The rows to write: one per person per event at most, never to the actor or to a non-member. */
export function deriveNotifications(candidates: readonly Candidate[], facts: Facts): NotificationRow[] {
  const best = new Map<string, { c: Candidate; userId: string }>();
  for (const c of candidates) {
    const document = facts.documents.get(c.event.documentId);
    if (!document) continue;
    const members = facts.members.get(document.workspaceId);
    for (const userId of new Set(recipientsOf(c, facts))) {
      if (userId === c.event.actorId || !members?.has(userId)) continue;
      const wants = (facts.settings.get(userId) ?? DEFAULT_NOTIFICATION_SETTINGS).kinds;
      if (!wants[c.kind]) continue;
      if (c.kind === "mention" && c.onceFor && facts.mentioned.has(`${userId} ${c.onceFor}`)) continue;
      const key = `${userId} ${eventKey(c.event)}`;
      const held = best.get(key);
      if (!held || PRIORITY.indexOf(c.kind) < PRIORITY.indexOf(held.c.kind)) best.set(key, { c, userId });
    }
  }
  return [...best.values()].map(({ c, userId }) => {
    const document = facts.documents.get(c.event.documentId)!;
    const mode = (facts.settings.get(userId) ?? DEFAULT_NOTIFICATION_SETTINGS).email;
    return {
      userId,
      kind: c.kind,
      workspaceId: document.workspaceId,
      documentId: c.event.documentId,
      annotationId: c.annotationId,
      replyId: c.replyId,
      actorId: c.event.actorId,
      sourceEvent: eventKey(c.event),
      content: {
        actorName: c.event.actorId ? (facts.names.get(c.event.actorId) ?? null) : null,
        documentTitle: document.title,
        quote: c.quote ?? shorten(facts.annotations.get(c.annotationId)?.quote, QUOTE_CHARS),
        excerpt: c.excerpt,
        status: c.status,
      },
      email: emailFor(c.kind, mode, facts.mailEnabled),
    };
  });
}
