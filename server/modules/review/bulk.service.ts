/**
 * claims:bulk: one action over up to 500 claims of a document or workspace, all or nothing in
 * one transaction. Each claim goes through the same rules and writers as its single-claim
 * mutation, so bulk changes leave the same history rows and the same per-claim events
 * ("claim.reviewed", "claim.assigned", "annotation.updated") as one-by-one changes.
 */
import type { z } from "zod";
import type { Db, Tx } from "../../db/client.ts";
import type { DocumentEventDto } from "../../../common/events.ts";
import type { ClaimsBulkResultDto, ClaimsBulkSchema } from "../../../common/review.ts";
import type { Role } from "../../../common/workspaces.ts";
import { HttpError, ValidationError } from "../../http/errors.ts";
import { appendEvent } from "../events/event-log.ts";
import { loadDocumentAccess } from "../documents/documents.service.ts";
import { authorize, loadWorkspaceAccess } from "../workspaces/membership.ts";
import { assertMayEdit } from "../annotations/annotations.service.ts";
import { ANNOTATION_INCLUDE, presentAnnotation } from "../annotations/annotation.presenter.ts";
import { assertUsableTags } from "../tags/tags.service.ts";
import type { Actor } from "../mutations/mutation.ts";
import { loadClaims, type LoadedClaim } from "./claim-change.ts";
import { applyAssignment, applyReview, assertAssignable } from "./review.service.ts";

type BulkInput = z.output<typeof ClaimsBulkSchema>;
type Step = (claim: LoadedClaim) => Promise<DocumentEventDto | null>;

/** The caller's role where the claims are (a document, or a whole workspace): 404 when not a member. */
export async function scopeAccess(tx: Db | Tx, actor: Actor, input: BulkInput): Promise<{ role: Role; workspaceId: string }> {
  if (input.documentId !== undefined) {
    const { document, role } = await loadDocumentAccess(tx, actor.userId, input.documentId);
    return { role, workspaceId: document.workspaceId };
  }
  const { role, workspace } = await loadWorkspaceAccess(tx, actor.userId, input.workspaceId!);
  return { role, workspaceId: workspace.id };
}

/** Adds or removes one tag on one annotation, bumping its version like annotation:update does. */
async function retag(tx: Tx, actor: Actor, role: Role, claim: LoadedClaim, tagId: string, add: boolean, clientMutationId: string | undefined) {
  assertMayEdit(role, actor.userId, claim.authorId, "annotation");
  const has = (await tx.annotationTag.count({ where: { annotationId: claim.id, tagId } })) > 0;
  if (has === add) return null;
  if (add) await tx.annotationTag.create({ data: { annotationId: claim.id, tagId } });
  else await tx.annotationTag.delete({ where: { annotationId_tagId: { annotationId: claim.id, tagId } } });
  const row = await tx.annotation.update({ where: { id: claim.id }, data: { version: { increment: 1 }, editedAt: new Date() }, include: ANNOTATION_INCLUDE });
  const annotation = presentAnnotation(row);
  return appendEvent(tx, { documentId: claim.documentId, type: "annotation.updated", payload: { annotation }, actorId: actor.userId, clientMutationId });
}

/** 403 when `role` may not take the bulk action at all. */
export function authorizeBulk(role: Role, action: BulkInput["action"]): void {
  if (action === "setStatus") authorize(role, "annotation.create", `Your role (${role}) is read-only`);
  else if (action === "assign") authorize(role, "claim.assign", "Only editors and owners assign claims");
  else authorize(role, "tag.apply");
}

async function stepFor(tx: Tx, actor: Actor, input: BulkInput, role: Role, workspaceId: string): Promise<Step> {
  const cmid = input.clientMutationId;
  authorizeBulk(role, input.action);
  switch (input.action) {
    case "setStatus":
      return async (c) => (await applyReview(tx, actor, role, c, input, c.review.version, cmid)).event;
    case "assign":
      await assertAssignable(tx, workspaceId, input.assigneeId);
      return async (c) => (await applyAssignment(tx, actor, c, input.assigneeId, c.review.version, cmid)).event;
    case "addTag":
      await assertUsableTags(tx, workspaceId, [input.tagId]).catch(() => {
        throw ValidationError("tagId: unknown or archived tag for this workspace", "tagId");
      });
      return (c) => retag(tx, actor, role, c, input.tagId, true, cmid);
    case "removeTag": {
      const tag = await tx.tag.findUnique({ where: { id: input.tagId }, select: { workspaceId: true } });
      if (!tag || tag.workspaceId !== workspaceId) throw ValidationError("tagId: unknown tag for this workspace", "tagId");
      return (c) => retag(tx, actor, role, c, input.tagId, false, cmid);
    }
  }
}

export async function bulkClaims(tx: Tx, actor: Actor, input: BulkInput) {
  const { role, workspaceId } = await scopeAccess(tx, actor, input);
  const scope = input.documentId !== undefined ? { documentId: input.documentId } : { workspaceId };
  const step = await stepFor(tx, actor, input, role, workspaceId);
  const claims = await loadClaims(tx, input.annotationIds, scope);
  const events: DocumentEventDto[] = [];
  const result: ClaimsBulkResultDto = { action: input.action, annotationIds: [], unchanged: [] };
  for (const claim of claims) {
    let event: DocumentEventDto | null;
    try {
      event = await step(claim);
    } catch (e) {
      // All or nothing: the first refusal undoes the batch and says which claim stopped it.
      if (e instanceof HttpError) throw new HttpError(e.status, e.code, `claim ${claim.id}: ${e.message}`, e.field ?? "annotationIds", { annotationId: claim.id, cause: e.details });
      throw e;
    }
    if (event) {
      events.push(event);
      result.annotationIds.push(claim.id);
    } else result.unchanged.push(claim.id);
  }
  return { result, events };
}
