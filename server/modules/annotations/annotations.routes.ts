/**
 * REST doors to the mutation path (annotations, replies) and the reads: a document's
 * annotations with their threads (or in the compact form), and the event log after a seq.
 * The current list is served from a cache keyed by the document's seq (http/seq-cache.ts),
 * compressed once per encoding; the compact form is made from the list held at an earlier seq
 * when the log allows (annotation-compact-list.ts).
 */
import { Router, type Request } from "express";
import { z } from "zod";
import type { AppContext } from "../../app-context.ts";
import { requireUser } from "../../auth/passport.ts";
import { parseInput } from "../../http/validate.ts";
import { IdSchema } from "../../../common/workspaces.ts";
import { AnnotationListQuerySchema, EventsQuerySchema } from "../../../common/annotations.ts";
import { bodyObject, mutationResponder } from "../../http/mutation-route.ts";
import { listAnnotations, listReplies } from "./annotations.service.ts";
import { loadDocumentAccess } from "../documents/documents.service.ts";
import { eventsAfter } from "../events/event-log.ts";
import { VersionQuerySchema } from "../../../common/editing.ts";
import { annotationsAt } from "../editing/versions.service.ts";
import { encodeAnnotationList } from "../../../common/compact-list.ts";
import { ValidationError } from "../../http/errors.ts";
import { compactAnnotationList, type CompactListSource } from "./annotation-compact-list.ts";
import { SeqCache, sendCached } from "../../http/seq-cache.ts";

type ListVariant = "full" | "summary" | "compact";

const IdParams = z.object({ id: IdSchema });
const ListQuery = AnnotationListQuerySchema.extend(VersionQuerySchema.shape).extend({
  /** `compact`: the list as common/compact-list.ts writes it (thread summaries, no replies). */
  form: z.enum(["full", "compact"]).default("full"),
});

const DeleteQuery = z.object({
  version: z.coerce.number().int().min(1).optional(),
  clientMutationId: z.string().optional(),
});

export function annotationRoutes(ctx: AppContext): Router {
  const router = Router();
  const { db } = ctx;

  const mutate = mutationResponder(ctx);

  const idOf = (req: Request) => parseInput(IdParams, req.params, "params").id;

  const lists = new SeqCache();

  router.get("/documents/:id/annotations", async (req, res) => {
    const user = requireUser(req);
    const { replies, version, form } = parseInput(ListQuery, req.query, "query");
    const id = idOf(req);
    if (form === "compact" && req.query.replies === "true") throw ValidationError("replies: the compact form carries thread summaries, not replies (leave replies out)", "replies");
    const { document } = await loadDocumentAccess(db, user.id, id);
    if (version !== undefined && version !== document.version) {
      // An earlier version's annotations, on their anchors of then (read-only).
      const list = { annotations: await annotationsAt(db, id, version), seq: document.lastSeq };
      return void res.json(form === "compact" ? { ...encodeAnnotationList(list, id), version } : { ...list, version });
    }
    const variant: ListVariant = form === "compact" ? "compact" : replies ? "full" : "summary";
    const entry = await lists.get(id, document.lastSeq, variant, async (previous) => {
      if (variant === "compact") {
        // Access was checked above. Written straight from the database rows, from the list held
        // at an earlier seq when the log allows.
        const { list, source } = await compactAnnotationList(db, ctx.config.databaseProvider, id, previous?.source as CompactListSource | undefined);
        return { seq: list.seq, value: list, source, sourceBytes: source.bytes };
      }
      const list = await listAnnotations(db, user.id, id, { replies: variant === "full", provider: ctx.config.databaseProvider });
      return { seq: list.seq, value: list };
    });
    await sendCached(req, res, lists, entry);
  });

  router.get("/annotations/:id/replies", async (req, res) => {
    const user = requireUser(req);
    res.json({ replies: await listReplies(db, user.id, idOf(req)) });
  });

  router.post("/documents/:id/annotations", (req, res) =>
    mutate(req, res, "annotation:create", { ...bodyObject(req), documentId: idOf(req) }, { key: "annotation", status: 201 }),
  );

  router.patch("/annotations/:id", (req, res) => mutate(req, res, "annotation:update", { ...bodyObject(req), annotationId: idOf(req) }, { key: "annotation" }));

  router.delete("/annotations/:id", (req, res) => {
    const q = parseInput(DeleteQuery, req.query, "query");
    return mutate(req, res, "annotation:delete", { ...q, annotationId: idOf(req) }, { key: "annotation" });
  });

  router.post("/annotations/:id/replies", (req, res) => mutate(req, res, "reply:create", { ...bodyObject(req), annotationId: idOf(req) }, { key: "reply", status: 201 }));

  router.patch("/replies/:id", (req, res) => mutate(req, res, "reply:update", { ...bodyObject(req), replyId: idOf(req) }, { key: "reply" }));

  router.delete("/replies/:id", (req, res) => {
    const q = parseInput(DeleteQuery, req.query, "query");
    return mutate(req, res, "reply:delete", { ...q, replyId: idOf(req) }, { key: "reply" });
  });

  router.get("/documents/:id/events", async (req, res) => {
    const user = requireUser(req);
    const id = idOf(req);
    const { after, limit } = parseInput(EventsQuerySchema, req.query, "query");
    const { document } = await loadDocumentAccess(db, user.id, id);
    const events = await eventsAfter(db, id, after, limit);
    res.json({ events, seq: document.lastSeq });
  });

  return router;
}
