/**
 * One line per event, saying what happened in words a colleague would use, and where it points
 * (the annotation and paragraph of a passage). Pure: built from the event alone.
 */
import type { DocumentEventDto, WorkspaceEventDto } from "../../../common/events.ts";
import { KIND_LABEL, STATUS_LABEL } from "../exports/labels.ts";

export interface Described {
  summary: string;
  annotationId: string | null;
  paragraphId: string | null;
  /** Before/after of what changed, for the audit log. */
  changes: Record<string, { from: unknown; to: unknown }>;
}

const QUOTE_CHARS = 60;

function quoted(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return `“${flat.length > QUOTE_CHARS ? `${flat.slice(0, QUOTE_CHARS - 1)}…` : flat}”`;
}

const none = (summary: string): Described => ({ summary, annotationId: null, paragraphId: null, changes: {} });

export function describeDocumentEvent(e: DocumentEventDto): Described {
  switch (e.type) {
    case "document.imported":
      return none(`imported “${e.payload.title}” (${e.payload.format}, ${e.payload.paragraphs} paragraphs)`);
    case "document.edited": {
      const p = e.payload;
      const parts = [`${p.paragraphs.length} paragraph(s) changed or added`, ...(p.retired.length ? [`${p.retired.length} removed`] : []), ...(p.anchors.length ? [`${p.anchors.length} annotation(s) moved`] : [])];
      return none(`edited the text (version ${p.version}): ${parts.join(", ")}`);
    }
    case "annotations.imported":
      return none(`imported annotations from a file: ${e.payload.placed} placed, ${e.payload.notPlaced} not placed, ${e.payload.replies} replies`);
    case "annotation.created":
    case "annotation.updated":
    case "annotation.deleted": {
      const a = e.payload.annotation;
      const verb = e.type === "annotation.created" ? "added" : e.type === "annotation.updated" ? "edited" : "deleted";
      return { summary: `${verb} a ${KIND_LABEL[a.kind].toLowerCase()} on ${quoted(a.anchor.quote)}`, annotationId: a.id, paragraphId: a.anchor.start.paragraphId, changes: {} };
    }
    case "reply.created":
    case "reply.updated":
    case "reply.deleted": {
      const r = e.payload.reply;
      const verb = e.type === "reply.created" ? "replied" : e.type === "reply.updated" ? "edited a reply" : "deleted a reply";
      const stance = e.type === "reply.created" && r.stance !== "none" ? ` (${r.stance})` : "";
      return { summary: `${verb}${stance}`, annotationId: r.annotationId, paragraphId: null, changes: {} };
    }
    case "tags.merged":
      return none(`merged a tag into another on ${e.payload.annotationIds.length} annotation(s)`);
    case "claim.reviewed":
    case "claim.assigned": {
      const c = e.payload.change;
      const summary =
        e.type === "claim.assigned"
          ? e.payload.claim.assigneeId
            ? "assigned a claim"
            : "unassigned a claim"
          : c && c.fromStatus !== c.toStatus
            ? `moved a claim from ${STATUS_LABEL[c.fromStatus].toLowerCase()} to ${STATUS_LABEL[c.toStatus].toLowerCase()}`
            : "amended a claim's review";
      return { summary, annotationId: e.payload.annotationId, paragraphId: null, changes: c ? { status: { from: c.fromStatus, to: c.toStatus }, ...c.changes } : {} };
    }
  }
}

export function describeWorkspaceEvent(e: WorkspaceEventDto): Described {
  switch (e.type) {
    case "workspace.created":
      return none(`created the workspace “${e.payload.name}”`);
    case "workspace.renamed":
      return { ...none(`renamed the workspace from “${e.payload.from}” to “${e.payload.to}”`), changes: { name: { from: e.payload.from, to: e.payload.to } } };
    case "member.joined":
      return { ...none(`${e.payload.displayName} joined as ${e.payload.role}`), changes: { role: { from: null, to: e.payload.role } } };
    case "member.role_changed":
      return { ...none(`changed ${e.payload.displayName}'s role from ${e.payload.from} to ${e.payload.to}`), changes: { role: { from: e.payload.from, to: e.payload.to } } };
    case "member.removed":
      return {
        ...none(e.payload.left ? `${e.payload.displayName} left the workspace` : `removed ${e.payload.displayName} (${e.payload.role})`),
        changes: { role: { from: e.payload.role, to: null } },
      };
    case "invite.created":
      return { ...none(`created an invite for a new ${e.payload.role}, valid until ${e.payload.expiresAt.slice(0, 10)}`), changes: { invite: { from: null, to: e.payload.inviteId } } };
    case "invite.accepted":
      return { ...none(`${e.payload.displayName} used an invite (${e.payload.role})`), changes: { invite: { from: e.payload.inviteId, to: "used" } } };
    case "invite.revoked":
      return { ...none(`revoked an invite for a ${e.payload.role}`), changes: { invite: { from: e.payload.inviteId, to: "revoked" } } };
    case "document.deleted":
      return {
        ...none(`deleted “${e.payload.title}” (${e.payload.paragraphs} paragraphs, ${e.payload.annotations} annotations)`),
        changes: { document: { from: e.payload.title, to: null } },
      };
    case "document.exported":
      return { ...none(`exported “${e.payload.title}” as ${e.payload.format} (${e.payload.annotations} annotations)`), changes: {} };
    case "tag.created":
      return none(`created the tag “${e.payload.tag.path}”`);
    case "tag.updated": {
      const { before, tag } = e.payload;
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of ["path", "color", "description", "archived"] as const) if (before[key] !== tag[key]) changes[key] = { from: before[key], to: tag[key] };
      return { ...none(tag.archived && !before.archived ? `archived the tag “${tag.path}”` : `changed the tag “${tag.path}”`), changes };
    }
    case "tag.merged":
      return none(`merged a tag into “${e.payload.tags.find((t) => t.id === e.payload.intoTagId)?.path ?? "another"}”`);
    case "webhook.created":
      return { ...none(`added a webhook to ${e.payload.target} (${e.payload.events.length} event types)`), changes: { webhook: { from: null, to: e.payload.target } } };
    case "webhook.updated": {
      const { before, after } = e.payload;
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const key of ["target", "active", "description"] as const) if (before[key] !== after[key]) changes[key] = { from: before[key], to: after[key] };
      if (before.events.join() !== after.events.join()) changes.events = { from: before.events, to: after.events };
      const verb = before.active !== after.active ? (after.active ? "turned on" : "turned off") : "changed";
      return { ...none(`${verb} the webhook to ${after.target}`), changes };
    }
    case "webhook.deleted":
      return { ...none(`deleted the webhook to ${e.payload.target}`), changes: { webhook: { from: e.payload.target, to: null } } };
  }
}
