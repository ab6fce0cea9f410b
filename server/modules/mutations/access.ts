/**
 * Who may repeat a change: each mutation's `access` (see Access in mutation.ts), checked before
 * a repeated clientMutationId is answered with its recorded result. Each throws what the
 * mutation's own `run` throws a fresh attempt by someone without access (the same 404 naming
 * the same thing, the same 403 message), from the same helpers. A target is found whatever
 * state it is in now (deleted, archived, decided): only who may act counts here, the rest was
 * settled when the change was made.
 */
import type { z } from "zod";
import type { Db, Tx } from "../../db/client.ts";
import type { ReplyCreateSchema } from "../../../common/annotations.ts";
import type { InviteCreateSchema, MemberRemoveSchema, MemberRoleSchema } from "../../../common/workspaces.ts";
import type { ClaimAssignSchema, ClaimReviewSchema, ClaimsBulkSchema } from "../../../common/review.ts";
import type { ParagraphUpdateSchema, SuggestionDecisionSchema } from "../../../common/editing.ts";
import type { Role } from "../../../common/workspaces.ts";
import { canInviteAs, type WorkspaceAction } from "../../../common/policy.ts";
import { ForbiddenError, NotFoundError } from "../../http/errors.ts";
import { loadDocumentAccess, type DocumentDeleteSchema } from "../documents/documents.service.ts";
import { authorize, loadWorkspaceAccess } from "../workspaces/membership.ts";
import { assertMayEdit } from "../annotations/annotations.service.ts";
import { authorizeBulk, scopeAccess } from "../review/bulk.service.ts";
import { requireManager } from "../webhooks/webhooks.service.ts";
import type { Actor } from "./mutation.ts";

type DbOrTx = Db | Tx;
type In<S extends z.ZodType> = z.output<S>;

/** Changes to the caller's own things only (their notifications, a workspace they create): anyone signed in may repeat them. */
export async function ownOnly(): Promise<void> {}

/** The caller's role in the document's workspace; 404 naming `what` when the document is gone or they are not a member. */
async function documentRole(db: DbOrTx, actor: Actor, documentId: string, what?: string): Promise<Role> {
  return (await loadDocumentAccess(db, actor.userId, documentId, what)).role;
}

/** The caller's role in the workspace of an annotation (live or deleted) and its author; 404 "Annotation" otherwise. */
async function annotationRole(db: DbOrTx, actor: Actor, annotationId: string): Promise<{ role: Role; authorId: string }> {
  const a = await db.annotation.findUnique({ where: { id: annotationId }, select: { documentId: true, authorId: true } });
  if (!a) throw NotFoundError("Annotation");
  const role = await documentRole(db, actor, a.documentId, "Annotation");
  return { role, authorId: a.authorId };
}

/** A document-level change needing `action` (any member when none). */
const onDocument =
  (action?: WorkspaceAction, message?: (role: Role) => string) =>
  async (db: DbOrTx, actor: Actor, input: { documentId: string }): Promise<void> => {
    const role = await documentRole(db, actor, input.documentId);
    if (action) authorize(role, action, message?.(role));
  };

/** A workspace-level change needing `action`. */
const onWorkspace =
  (action: WorkspaceAction) =>
  async (db: DbOrTx, actor: Actor, input: { workspaceId: string }): Promise<void> => {
    authorize((await loadWorkspaceAccess(db, actor.userId, input.workspaceId)).role, action);
  };

const readOnly = (role: Role) => `Your role (${role}) is read-only`;

/** annotation:update, annotation:delete, annotation:reattach, annotation:dismiss: the author, or a moderator. */
export async function editAnnotationAccess(db: DbOrTx, actor: Actor, input: { annotationId: string; tagIds?: string[] | undefined }): Promise<void> {
  const { role, authorId } = await annotationRole(db, actor, input.annotationId);
  assertMayEdit(role, actor.userId, authorId, "annotation");
  if (input.tagIds !== undefined) authorize(role, "tag.apply");
}

export async function replyCreateAccess(db: DbOrTx, actor: Actor, input: In<typeof ReplyCreateSchema>): Promise<void> {
  const { role } = await annotationRole(db, actor, input.annotationId);
  authorize(role, "annotation.create", readOnly(role));
}

/** reply:update, reply:delete: the reply's author, or a moderator. */
export async function editReplyAccess(db: DbOrTx, actor: Actor, input: { replyId: string }): Promise<void> {
  const r = await db.reply.findUnique({ where: { id: input.replyId }, select: { authorId: true, annotation: { select: { documentId: true } } } });
  if (!r) throw NotFoundError("Reply");
  const role = await documentRole(db, actor, r.annotation.documentId, "Reply");
  assertMayEdit(role, actor.userId, r.authorId, "reply");
}

export const tagCreateAccess = onWorkspace("tag.manage");

/** tag:update, tag:merge: managers of the tag's workspace; 404 "Tag" for strangers. */
export async function manageTagAccess(db: DbOrTx, actor: Actor, input: { tagId: string }): Promise<void> {
  const tag = await db.tag.findUnique({ where: { id: input.tagId }, select: { workspaceId: true } });
  if (!tag) throw NotFoundError("Tag");
  const { role } = await loadWorkspaceAccess(db, actor.userId, tag.workspaceId).catch(() => {
    throw NotFoundError("Tag");
  });
  authorize(role, "tag.manage");
}

/** claim:review: 404 "Annotation" for strangers, as loadClaim answers; read-only roles refused. */
export async function claimReviewAccess(db: DbOrTx, actor: Actor, input: In<typeof ClaimReviewSchema>): Promise<void> {
  const { role } = await annotationRole(db, actor, input.annotationId);
  authorize(role, "annotation.create", readOnly(role));
}

export async function claimAssignAccess(db: DbOrTx, actor: Actor, input: In<typeof ClaimAssignSchema>): Promise<void> {
  authorize((await annotationRole(db, actor, input.annotationId)).role, "claim.assign", "Only editors and owners assign claims");
}

export async function claimsBulkAccess(db: DbOrTx, actor: Actor, input: In<typeof ClaimsBulkSchema>): Promise<void> {
  authorizeBulk((await scopeAccess(db, actor, input)).role, input.action);
}

export const documentEditAccess = onDocument("document.edit");
export const documentReviseAccess = onDocument("document.edit");
export const documentExportedAccess = onDocument();
export const annotationsImportAccess = onDocument("annotation.create", readOnly);

export async function paragraphUpdateAccess(db: DbOrTx, actor: Actor, input: In<typeof ParagraphUpdateSchema>): Promise<void> {
  const p = await db.paragraph.findUnique({ where: { id: input.paragraphId }, select: { documentId: true } });
  if (!p) throw NotFoundError("Paragraph");
  authorize(await documentRole(db, actor, p.documentId, "Paragraph"), "document.edit");
}

/** suggestion:accept, suggestion:reject: editors and owners. */
export async function suggestionDecisionAccess(db: DbOrTx, actor: Actor, input: In<typeof SuggestionDecisionSchema>): Promise<void> {
  const { role } = await annotationRole(db, actor, input.annotationId);
  authorize(role, "document.edit", `Your role (${role}) cannot accept or reject suggestions`);
}

export const documentImportAccess = onWorkspace("document.import");

/**
 * document:delete removes the document, so a repeat finds it only in the workspace's log (the
 * entry of its deletion names the workspace); then the caller must still be able to delete there.
 */
export async function documentDeleteAccess(db: DbOrTx, actor: Actor, input: In<typeof DocumentDeleteSchema>): Promise<void> {
  const document = await db.document.findUnique({ where: { id: input.documentId }, select: { workspaceId: true } });
  const deleted = document ? null : await db.workspaceEvent.findFirst({ where: { documentId: input.documentId, type: "document.deleted" }, select: { workspaceId: true } });
  const workspaceId = document?.workspaceId ?? deleted?.workspaceId;
  if (!workspaceId) throw NotFoundError("Document");
  const { role } = await loadWorkspaceAccess(db, actor.userId, workspaceId).catch(() => {
    throw NotFoundError("Document");
  });
  authorize(role, "document.delete");
}

export const workspaceRenameAccess = onWorkspace("workspace.rename");
/** Changing someone else's role needs member.changeRole; an owner who stepped down needs only to be a member still (the change itself took the right away). */
export async function memberRoleAccess(db: DbOrTx, actor: Actor, input: In<typeof MemberRoleSchema>): Promise<void> {
  if (input.userId === actor.userId) await loadWorkspaceAccess(db, actor.userId, input.workspaceId);
  else await onWorkspace("member.changeRole")(db, actor, input);
}

/** Removing someone else needs member.remove; leaving is the caller's own change, and ends their access by itself. */
export async function memberRemoveAccess(db: DbOrTx, actor: Actor, input: In<typeof MemberRemoveSchema>): Promise<void> {
  if (input.userId !== actor.userId) await onWorkspace("member.remove")(db, actor, input);
}

export async function inviteCreateAccess(db: DbOrTx, actor: Actor, input: In<typeof InviteCreateSchema>): Promise<void> {
  const { role } = await loadWorkspaceAccess(db, actor.userId, input.workspaceId);
  authorize(role, "invite.create");
  if (!canInviteAs(role, input.role)) throw ForbiddenError(`Your role (${role}) cannot invite a ${input.role}`);
}

export const inviteRevokeAccess = onWorkspace("invite.revoke");

/** Every webhook change: managers of the workspace. */
export async function webhookAccess(db: DbOrTx, actor: Actor, input: { workspaceId: string }): Promise<void> {
  await requireManager(db, actor.userId, input.workspaceId);
}
