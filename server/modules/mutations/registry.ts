/**
 * The one mutation path. REST routes and socket handlers both call MutationRunner.run(name,
 * actor, input): validate with the shared schema -> one transaction (load, authorize, write,
 * append events, record the clientMutationId) -> publish the committed events.
 */
import type { z } from "zod";
import type { Db, Provider, Tx } from "../../db/client.ts";
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
} from "../../../common/annotations.ts";
import type { MutationMap, MutationName, WorkspaceEventDto } from "../../../common/realtime.ts";
import type { DocumentEventDto } from "../../../common/events.ts";
import { parseInput } from "../../http/validate.ts";
import { deleteAnnotation, updateAnnotation } from "../annotations/annotations.service.ts";
import { AnnotationCreateQueue, type CreateInput } from "../annotations/annotation-create-batch.ts";
import { ParagraphCache } from "../documents/paragraph-cache.ts";
import { createReply, deleteReply, updateReply } from "../threads/replies.service.ts";
import { createTag, mergeTag, updateTag } from "../tags/tags.service.ts";
import { ClaimAssignSchema, ClaimReviewSchema, ClaimsBulkSchema } from "../../../common/review.ts";
import { assignClaim, reviewClaim } from "../review/review.service.ts";
import { bulkClaims } from "../review/bulk.service.ts";
import { runMutation, type Actor, type MutationOutcome } from "./mutation.ts";
import type { Publisher } from "../../realtime/publisher.ts";

interface Definition<S extends z.ZodType, R> {
  schema: S;
  run: (tx: Tx, actor: Actor, input: z.output<S>) => Promise<{ result: R; events?: DocumentEventDto[]; workspaceEvents?: WorkspaceEventDto[] }>;
}

function define<S extends z.ZodType, R>(schema: S, run: Definition<S, R>["run"]): Definition<S, R> {
  return { schema, run };
}

/** A mutation written by a batching queue instead of its own transaction. */
interface BatchedDefinition<S extends z.ZodType> {
  schema: S;
  batched: true;
}

const MUTATIONS = {
  "annotation:create": { schema: AnnotationCreateSchema, batched: true } as BatchedDefinition<typeof AnnotationCreateSchema>,
  "annotation:update": define(AnnotationUpdateSchema, updateAnnotation),
  "annotation:delete": define(AnnotationDeleteSchema, deleteAnnotation),
  "reply:create": define(ReplyCreateSchema, createReply),
  "reply:update": define(ReplyUpdateSchema, updateReply),
  "reply:delete": define(ReplyDeleteSchema, deleteReply),
  "tag:create": define(TagCreateSchema, createTag),
  "tag:update": define(TagUpdateSchema, updateTag),
  "tag:merge": define(TagMergeSchema, mergeTag),
  "claim:review": define(ClaimReviewSchema, reviewClaim),
  "claim:assign": define(ClaimAssignSchema, assignClaim),
  "claims:bulk": define(ClaimsBulkSchema, bulkClaims),
} satisfies { [K in MutationName]: Definition<z.ZodType, MutationMap[K]["result"]> | BatchedDefinition<z.ZodType> };

export class MutationRunner {
  private readonly creates: AnnotationCreateQueue;
  /** Shared with document deletion, which must drop its entry. */
  readonly paragraphs = new ParagraphCache();

  constructor(
    private readonly db: Db,
    provider: Provider,
    private readonly publisher: () => Publisher,
  ) {
    this.creates = new AnnotationCreateQueue(db, provider, this.paragraphs);
  }

  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];

  /** Resolves once no mutation is running (used by a clean shutdown before closing the database). */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Validates, runs and publishes one mutation; throws HttpError on refusal. */
  async run<K extends MutationName>(name: K, actor: Actor, rawInput: unknown): Promise<MutationOutcome<MutationMap[K]["result"]>> {
    this.inFlight++;
    try {
      return await this.runOne(name, actor, rawInput);
    } finally {
      if (--this.inFlight === 0) for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  private async runOne<K extends MutationName>(name: K, actor: Actor, rawInput: unknown): Promise<MutationOutcome<MutationMap[K]["result"]>> {
    const def = MUTATIONS[name] as unknown as Definition<z.ZodType, MutationMap[K]["result"]> | BatchedDefinition<z.ZodType>;
    const input = parseInput(def.schema, rawInput) as { clientMutationId?: string };
    const outcome =
      "batched" in def
        ? ((await this.creates.create(actor, input as CreateInput)) as MutationOutcome<MutationMap[K]["result"]>)
        : await runMutation(this.db, actor, input.clientMutationId, (tx) => def.run(tx, actor, input));
    if (!outcome.replayed) this.publisher().publish(outcome.events, outcome.workspaceEvents);
    return outcome;
  }
}
