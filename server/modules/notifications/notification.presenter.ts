/** A notification row as the inbox, the socket push and the e-mails show it. */
import type { NotificationDto, NotificationKind } from "../../../common/notifications.ts";
import { threadLink } from "../../../common/notifications.ts";
import type { NotificationContent } from "./derive.ts";

export interface NotificationRecord {
  id: string;
  kind: string;
  workspaceId: string;
  documentId: string | null;
  annotationId: string | null;
  replyId: string | null;
  actorId: string | null;
  payload: string;
  createdAt: Date;
  readAt: Date | null;
}

/**
 * `accessible`: the recipient is still a member of the workspace (otherwise nothing about the
 * content is shown). `documentExists`: the link is given only while the document is there.
 */
export function presentNotification(row: NotificationRecord, accessible: boolean, documentExists: boolean): NotificationDto {
  const base = { id: row.id, kind: row.kind as NotificationKind, createdAt: row.createdAt.toISOString(), readAt: row.readAt?.toISOString() ?? null, workspaceId: row.workspaceId };
  if (!accessible) {
    return { ...base, accessible: false, actor: null, documentId: null, documentTitle: null, annotationId: null, replyId: null, quote: null, excerpt: null, status: null, link: null };
  }
  const c = JSON.parse(row.payload) as NotificationContent;
  return {
    ...base,
    accessible: true,
    actor: row.actorId ? { id: row.actorId, displayName: c.actorName ?? "Someone" } : null,
    documentId: row.documentId,
    documentTitle: c.documentTitle,
    annotationId: row.annotationId,
    replyId: row.replyId,
    quote: c.quote,
    excerpt: c.excerpt,
    status: c.status,
    link: documentExists && row.documentId && row.annotationId ? threadLink(row.documentId, row.annotationId) : null,
  };
}
