/**
 * Writes the notifications a mutation's events call for, in that mutation's transaction: the
 * facts derive.ts needs are read with a handful of queries (none at all when no event can
 * notify anyone, as for a plain annotation), the rows are written (one per person per event,
 * enforced by a unique key), and mentions and assignments that want an e-mail at once get an
 * outbox row. Durable and exactly once: they commit with the events or not at all.
 */
import type { Tx } from "../../db/client.ts";
import type { DocumentEventDto } from "../../../common/events.ts";
import { newId } from "../../lib/ids.ts";
import type { NotificationPush } from "../../realtime/publisher.ts";
import { candidatesOf, deriveNotifications, type Candidate, type Facts } from "./derive.ts";
import { savedSettings } from "./settings.ts";
import { presentNotification } from "./notification.presenter.ts";

/** A push and the event it came from (a batch of creates hands each item its own). */
export interface RecordedNotification extends NotificationPush {
  sourceEvent: string;
}

const unique = <T>(xs: Iterable<T>) => [...new Set(xs)];

async function factsFor(tx: Tx, candidates: Candidate[], mailEnabled: boolean): Promise<Facts> {
  const documentIds = unique(candidates.map((c) => c.event.documentId));
  const annotationIds = unique(candidates.filter((c) => c.quote === null || !("users" in c.recipients)).map((c) => c.annotationId));
  const threads = unique(candidates.flatMap((c) => ("threadOf" in c.recipients ? [c.recipients.threadOf] : [])));
  const [documents, annotations, replies] = await Promise.all([
    tx.document.findMany({ where: { id: { in: documentIds } }, select: { id: true, workspaceId: true, title: true } }),
    annotationIds.length ? tx.annotation.findMany({ where: { id: { in: annotationIds } }, select: { id: true, authorId: true, quote: true } }) : [],
    threads.length ? tx.reply.findMany({ where: { annotationId: { in: threads }, deletedAt: null }, select: { annotationId: true, authorId: true } }) : [],
  ]);
  const repliers = new Map<string, string[]>();
  for (const r of replies) repliers.set(r.annotationId, unique([...(repliers.get(r.annotationId) ?? []), r.authorId]));
  const annotationFacts = new Map(annotations.map((a) => [a.id, { authorId: a.authorId, quote: a.quote }]));

  const people = unique(
    candidates.flatMap((c) => {
      const r = c.recipients;
      if ("users" in r) return r.users;
      const id = "authorOf" in r ? r.authorOf : r.threadOf;
      return [...(annotationFacts.has(id) ? [annotationFacts.get(id)!.authorId] : []), ...("threadOf" in r ? (repliers.get(id) ?? []) : [])];
    }),
  );
  const workspaceIds = unique(documents.map((d) => d.workspaceId));
  const edited = candidates.filter((c) => c.kind === "mention" && c.onceFor && c.event.type.endsWith(".updated"));
  const actorIds = unique(candidates.flatMap((c) => (c.event.actorId ? [c.event.actorId] : [])));
  const [memberships, settings, told, actors] = await Promise.all([
    people.length ? tx.membership.findMany({ where: { userId: { in: people }, workspaceId: { in: workspaceIds } }, select: { userId: true, workspaceId: true } }) : [],
    savedSettings(tx, people),
    edited.length
      ? tx.notification.findMany({
          where: { kind: "mention", userId: { in: people }, OR: [{ annotationId: { in: edited.map((c) => c.annotationId) }, replyId: null }, { replyId: { in: edited.flatMap((c) => (c.replyId ? [c.replyId] : [])) } }] },
          select: { userId: true, annotationId: true, replyId: true },
        })
      : [],
    actorIds.length ? tx.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } }) : [],
  ]);
  const members = new Map<string, Set<string>>();
  for (const m of memberships) members.set(m.workspaceId, (members.get(m.workspaceId) ?? new Set()).add(m.userId));
  return {
    documents: new Map(documents.map((d) => [d.id, { workspaceId: d.workspaceId, title: d.title }])),
    annotations: annotationFacts,
    repliers,
    members,
    settings,
    mentioned: new Set(told.map((n) => `${n.userId} ${n.replyId ?? n.annotationId}`)),
    names: new Map(actors.map((u) => [u.id, u.displayName])),
    mailEnabled,
  };
}

/** Writes the notifications (and immediate e-mails) the events call for; returns what to push after commit. */
export async function recordNotifications(tx: Tx, events: readonly DocumentEventDto[], mailEnabled: boolean): Promise<{ pushes: RecordedNotification[]; emails: number }> {
  const candidates = candidatesOf(events);
  if (candidates.length === 0) return { pushes: [], emails: 0 };
  const rows = deriveNotifications(candidates, await factsFor(tx, candidates, mailEnabled));
  if (rows.length === 0) return { pushes: [], emails: 0 };
  const now = new Date();
  const written = rows.map((r) => ({
    id: newId("n"),
    userId: r.userId,
    workspaceId: r.workspaceId,
    documentId: r.documentId,
    annotationId: r.annotationId,
    replyId: r.replyId,
    kind: r.kind,
    actorId: r.actorId,
    sourceEvent: r.sourceEvent,
    payload: JSON.stringify(r.content),
    email: r.email,
    createdAt: now,
    readAt: null,
  }));
  await tx.notification.createMany({ data: written });
  const immediate = written.filter((n) => n.email === "immediate");
  if (immediate.length) {
    await tx.emailOutbox.createMany({ data: immediate.map((n) => ({ id: newId("em"), userId: n.userId, kind: "notification", notificationId: n.id, nextAttemptAt: now, createdAt: now })) });
  }
  return {
    pushes: written.map((n) => ({ userId: n.userId, sourceEvent: n.sourceEvent, notification: presentNotification(n, true, true) })),
    emails: immediate.length,
  };
}
