/**
 * The one mutation path. Every change, whichever door it comes in by (a REST route, a socket
 * event, the command line, the demo seed), is a definition in this table and runs through
 * MutationRunner.run(name, actor, input): validate with the definition's schema -> one
 * transaction (load, authorize, write, append events to the document and/or workspace log,
 * record the clientMutationId) -> publish the committed events -> apply after-commit effects.
 * A repeated clientMutationId writes nothing: it is answered with the recorded result once the
 * definition's `access` (access.ts) lets the caller make that change now, else with its 404/403,
 * and only when it sends the same request (fingerprint.ts), else with a 409.
 *
 * The client-sendable mutations (common/realtime.ts MUTATION_NAMES, also on sockets) come first;
 * the rest are sent by REST routes only, some with input the server prepared (a file parsed on a
 * worker thread, quotes placed on one).
 */
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import {
  AnnotationCreateSchema,
  AnnotationDeleteSchema,
  AnnotationUpdateSchema,
  ReplyCreateSchema,
  ReplyDeleteSchema,
  ReplyUpdateSchema,
  TagCreateSchema,
  TagMergeSchema,
  TagUpdateSchema,
  type AnnotationDto,
} from "../../../common/annotations.ts";
import {
  InviteAcceptSchema,
  InviteCreateSchema,
  InviteRevokeSchema,
  MemberRemoveSchema,
  MemberRoleSchema,
  WorkspaceCreateSchema,
  WorkspaceRenameSchema,
} from "../../../common/workspaces.ts";
import { ClaimAssignSchema, ClaimReviewSchema, ClaimsBulkSchema } from "../../../common/review.ts";
import type { MutationMap, MutationName } from "../../../common/realtime.ts";
import { parseInput } from "../../http/validate.ts";
import type { Publisher } from "../../realtime/publisher.ts";
import { deleteAnnotation, updateAnnotation } from "../annotations/annotations.service.ts";
import { AnnotationCreateQueue, type CreateInput } from "../annotations/annotation-create-batch.ts";
import { createReply, deleteReply, updateReply } from "../threads/replies.service.ts";
import { createTag, mergeTag, updateTag } from "../tags/tags.service.ts";
import { assignClaim, reviewClaim } from "../review/review.service.ts";
import { bulkClaims } from "../review/bulk.service.ts";
import { deleteDocument, DocumentDeleteSchema, DocumentImportSchema, importDocument } from "../documents/documents.service.ts";
import { ExportRecordSchema, recordExport } from "../exports/export.service.ts";
import { AnnotationsImportSchema, importAnnotations } from "../exports/import.service.ts";
import { acceptInvite, changeMemberRole, createInvite, createWorkspace, removeMember, renameWorkspace, revokeInvite } from "../workspaces/workspaces.service.ts";
import { AnnotationDismissSchema, AnnotationReattachSchema, DocumentEditSchema, ParagraphUpdateSchema, SuggestionDecisionSchema } from "../../../common/editing.ts";
import { dismissOrphan, editDocument, reattachAnnotation, updateParagraph } from "../editing/editing.service.ts";
import { acceptSuggestion, rejectSuggestion } from "../editing/suggestions.service.ts";
import { DocumentReviseSchema, reviseDocument } from "../editing/revision.service.ts";
import { NotificationSettingsSchema, NotificationsMarkAllReadSchema, NotificationsMarkReadSchema } from "../../../common/notifications.ts";
import { markAllRead, markRead, saveSettings } from "../notifications/notifications.service.ts";
import { WebhookCreateSchema, WebhookRedeliverSchema, WebhookRefSchema, WebhookUpdateSchema } from "../../../common/webhooks.ts";
import { checkWebhookUrl, createWebhook, deleteWebhook, redeliver, testWebhook, updateWebhook } from "../webhooks/webhooks.service.ts";
import { define, identifiedBy, runMutation, type Actor, type Definition, type MutationOutcome, type MutationServices } from "./mutation.ts";
import { followUpsRecorder, type RecordFollowUps } from "./follow-ups.ts";
import { requestFingerprint } from "./fingerprint.ts";
import * as access from "./access.ts";

/** annotation:create is written by a batching queue (annotation-create-batch.ts), not its own transaction. */
interface BatchedDefinition<S extends z.ZodType> {
  schema: S;
  batched: true;
}

const CLIENT_MUTATIONS = {
  "annotation:create": { schema: AnnotationCreateSchema, batched: true } as BatchedDefinition<typeof AnnotationCreateSchema>,
  "annotation:update": define(AnnotationUpdateSchema, updateAnnotation, access.editAnnotationAccess),
  "annotation:delete": define(AnnotationDeleteSchema, deleteAnnotation, access.editAnnotationAccess),
  "reply:create": define(ReplyCreateSchema, createReply, access.replyCreateAccess),
  "reply:update": define(ReplyUpdateSchema, updateReply, access.editReplyAccess),
  "reply:delete": define(ReplyDeleteSchema, deleteReply, access.editReplyAccess),
  "tag:create": define(TagCreateSchema, createTag, access.tagCreateAccess),
  "tag:update": define(TagUpdateSchema, updateTag, access.manageTagAccess),
  "tag:merge": define(TagMergeSchema, mergeTag, access.manageTagAccess),
  "claim:review": define(ClaimReviewSchema, reviewClaim, access.claimReviewAccess),
  "claim:assign": define(ClaimAssignSchema, assignClaim, access.claimAssignAccess),
  "claims:bulk": define(ClaimsBulkSchema, bulkClaims, access.claimsBulkAccess),
  "document:edit": define(DocumentEditSchema, editDocument, access.documentEditAccess),
  "paragraph:update": define(ParagraphUpdateSchema, updateParagraph, access.paragraphUpdateAccess),
  "annotation:reattach": define(AnnotationReattachSchema, reattachAnnotation, access.editAnnotationAccess),
  "annotation:dismiss": define(AnnotationDismissSchema, dismissOrphan, access.editAnnotationAccess),
  "suggestion:accept": define(SuggestionDecisionSchema, acceptSuggestion, access.suggestionDecisionAccess),
  "suggestion:reject": define(SuggestionDecisionSchema, rejectSuggestion, access.suggestionDecisionAccess),
} satisfies { [K in MutationName]: Definition<z.ZodType, MutationMap[K]["result"]> | BatchedDefinition<z.ZodType> };

const SERVER_MUTATIONS = {
  // The file read is the server's: a repeat is the same request when it sends the same file (its digest).
  "document:import": identifiedBy(define(DocumentImportSchema, importDocument, access.documentImportAccess), ({ parsed, ...sent }) => (sent.contentDigest ? sent : { ...sent, parsed })),
  "document:delete": define(DocumentDeleteSchema, deleteDocument, access.documentDeleteAccess),
  // The alignment and the placements are worked out against the document as it is now.
  "document:revise": identifiedBy(define(DocumentReviseSchema, reviseDocument, access.documentReviseAccess), ({ plan: _plan, placements: _placements, ...sent }) => sent),
  "document:exported": define(ExportRecordSchema, recordExport, access.documentExportedAccess),
  // The placements are worked out against the document's text as it is now.
  "annotations:import": identifiedBy(define(AnnotationsImportSchema, importAnnotations, access.annotationsImportAccess), ({ placements: _placements, ...sent }) => sent),
  "workspace:create": define(WorkspaceCreateSchema, createWorkspace, access.ownOnly),
  "workspace:rename": define(WorkspaceRenameSchema, renameWorkspace, access.workspaceRenameAccess),
  "member:changeRole": define(MemberRoleSchema, changeMemberRole, access.memberRoleAccess),
  "member:remove": define(MemberRemoveSchema, removeMember, access.memberRemoveAccess),
  "invite:create": define(InviteCreateSchema, createInvite, access.inviteCreateAccess),
  "invite:revoke": define(InviteRevokeSchema, revokeInvite, access.inviteRevokeAccess),
  "invite:accept": define(InviteAcceptSchema, acceptInvite, access.ownOnly),
  "notifications:read": define(NotificationsMarkReadSchema, markRead, access.ownOnly),
  "notifications:readAll": define(NotificationsMarkAllReadSchema, markAllRead, access.ownOnly),
  "notifications:settings": define(NotificationSettingsSchema, saveSettings, access.ownOnly),
  "webhook:create": define(WebhookCreateSchema, createWebhook, access.webhookAccess, checkWebhookUrl),
  "webhook:update": define(WebhookUpdateSchema, updateWebhook, access.webhookAccess, checkWebhookUrl),
  "webhook:delete": define(WebhookRefSchema, deleteWebhook, access.webhookAccess),
  "webhook:test": define(WebhookRefSchema, testWebhook, access.webhookAccess),
  "webhook:redeliver": define(WebhookRedeliverSchema, redeliver, access.webhookAccess),
};

type ServerMutations = typeof SERVER_MUTATIONS;
export type ServerMutationName = keyof ServerMutations;
export type AnyMutationName = MutationName | ServerMutationName;

/** What each mutation answers with. */
export type ResultOf<K extends AnyMutationName> = K extends MutationName
  ? MutationMap[K]["result"]
  : K extends ServerMutationName
    ? ServerMutations[K] extends Definition<z.ZodType, infer R>
      ? R
      : never
    : never;

const MUTATIONS: Record<AnyMutationName, Definition<z.ZodType, unknown> | BatchedDefinition<z.ZodType>> = { ...CLIENT_MUTATIONS, ...SERVER_MUTATIONS };

/** What wakes the node's e-mail and webhook dispatchers when a change queued work for them. */
export interface OutboxKick {
  kick(): void;
}

export class MutationRunner {
  private readonly creates: AnnotationCreateQueue;
  private readonly followUps: RecordFollowUps;
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly db: Db,
    private readonly services: MutationServices,
    private readonly publisher: Publisher,
    private readonly outbox: OutboxKick | null = null,
  ) {
    this.followUps = followUpsRecorder(services.provider, services.mailEnabled);
    this.creates = new AnnotationCreateQueue(db, services.provider, services.paragraphs, this.followUps);
  }

  /** Resolves once no mutation is running (used by a clean shutdown before closing the database). */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Validates, runs and publishes one mutation; throws HttpError on refusal. `inputName` is what
   * the caller's protocol calls the input as a whole, named by a 400 about the input itself (not
   * an object, say): a REST request's `body`, a socket event's `payload`.
   */
  async run<K extends AnyMutationName>(name: K, actor: Actor, rawInput: unknown, inputName = "body"): Promise<MutationOutcome<ResultOf<K>>> {
    this.inFlight++;
    try {
      const outcome = await this.write(name, actor, rawInput, inputName);
      if (!outcome.replayed) {
        this.publisher.publish(outcome.events, outcome.workspaceEvents);
        if (outcome.notifications.length) this.publisher.notify(outcome.notifications);
        if (outcome.queued) this.outbox?.kick();
        await outcome.afterCommit?.({ publisher: this.publisher, paragraphs: this.services.paragraphs });
      }
      return outcome as MutationOutcome<ResultOf<K>>;
    } finally {
      if (--this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  private async write(name: AnyMutationName, actor: Actor, rawInput: unknown, inputName: string): Promise<MutationOutcome<unknown>> {
    const def = MUTATIONS[name];
    const input = parseInput(def.schema, rawInput, inputName) as { clientMutationId?: string };
    const key = input.clientMutationId ? { clientMutationId: input.clientMutationId, request: requestFingerprint(name, "request" in def && def.request ? def.request(input) : input) } : undefined;
    if ("batched" in def) return (await this.creates.create(actor, input as CreateInput, key?.request)) as MutationOutcome<AnnotationDto>;
    if (def.check) await def.check(this.db, actor, input, this.services);
    return runMutation(
      this.db,
      actor,
      key,
      (tx) => def.run(tx, actor, input, this.services),
      (db) => def.access(db, actor, input),
      this.followUps,
      this.services.provider,
    );
  }
}
