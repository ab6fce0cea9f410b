/**
 * Suggestions: an analyst proposes an edit as an annotation of kind `suggestion` (its span and
 * the replacement text); it has a thread like any annotation. An editor accepts it — the edit is
 * applied through the same path as any other edit, making a new version, and the suggestion then
 * points at the text it put in — or rejects it. Either way it stays, with its decision.
 */
import type { z } from "zod";
import type { Tx } from "../../db/client.ts";
import type { SuggestionDecisionSchema } from "../../../common/editing.ts";
import type { AnnotationDto } from "../../../common/annotations.ts";
import type { DocumentEventDto } from "../../../common/events.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../http/errors.ts";
import { contextOf, quoteOf } from "../../../common/anchoring.ts";
import { loadDocumentAccess } from "../documents/documents.service.ts";
import { authorize } from "../workspaces/membership.ts";
import { appendEvent } from "../events/event-log.ts";
import { ANNOTATION_INCLUDE, presentAnnotation } from "../annotations/annotation.presenter.ts";
import type { Actor, MutationServices, Written } from "../mutations/mutation.ts";
import { applyEdit } from "./apply-edit.ts";

type Decision = z.output<typeof SuggestionDecisionSchema>;

async function loadOpenSuggestion(tx: Tx, actor: Actor, input: Decision) {
  const a = await tx.annotation.findUnique({ where: { id: input.annotationId }, include: ANNOTATION_INCLUDE });
  if (!a || a.deletedAt) throw NotFoundError("Annotation");
  const { role } = await loadDocumentAccess(tx, actor.userId, a.documentId, "Annotation");
  if (a.kind !== "suggestion" || !a.suggestion) throw ValidationError("annotationId: this annotation is not a suggestion", "annotationId");
  authorize(role, "document.edit", `Your role (${role}) cannot accept or reject suggestions`);
  if (a.suggestion.version !== input.version) throw ConflictError(`The suggestion was decided or changed (now version ${a.suggestion.version})`, { current: presentAnnotation(a) });
  if (a.suggestion.state !== "open") throw ConflictError(`The suggestion was already ${a.suggestion.state}`, { current: presentAnnotation(a) });
  return a;
}

async function decided(tx: Tx, actor: Actor, annotationId: string, clientMutationId: string | undefined, events: DocumentEventDto[]): Promise<Written<AnnotationDto>> {
  const annotation = presentAnnotation(await tx.annotation.findUniqueOrThrow({ where: { id: annotationId }, include: ANNOTATION_INCLUDE }));
  events.push(await appendEvent(tx, { documentId: annotation.documentId, type: "annotation.updated", payload: { annotation }, actorId: actor.userId, clientMutationId }));
  return { result: annotation, events };
}

export async function acceptSuggestion(tx: Tx, actor: Actor, input: Decision, services: MutationServices): Promise<Written<AnnotationDto>> {
  const a = await loadOpenSuggestion(tx, actor, input);
  if (a.anchorState !== "anchored") throw ConflictError("The text this suggestion was made on has changed and it lost its place; re-attach it or reject it");
  const replacement = a.suggestion!.replacement;
  const out = await applyEdit(
    tx,
    services.provider,
    actor,
    a.documentId,
    (session) => {
      const first = session.paragraph(a.startPid);
      const last = session.paragraph(a.endPid);
      if (!first || !last) throw ConflictError("The suggestion's paragraphs are gone; re-attach it or reject it");
      const from = session.position(first.id);
      const to = session.position(last.id);
      const span = session.order.slice(from, to + 1);
      if (quoteOf(span, a.startOffset, a.endOffset) !== a.quote) throw ConflictError("The text under the suggestion changed since it was made; look again before accepting");
      // The span's first paragraph takes the replacement and the end of the last one; the paragraphs
      // after the first one in the span leave (their tail moved into the first).
      const tail = last.text.slice(a.endOffset);
      for (const p of span.slice(1)) session.retire(p);
      session.changeText(first, first.text.slice(0, a.startOffset) + replacement + tail);
    },
    {
      kind: "suggestion",
      note: `Suggestion accepted: “${a.quote.slice(0, 60)}” → “${replacement.slice(0, 60)}”`,
      clientMutationId: input.clientMutationId,
      // The suggestion itself now points at what it put in (nothing, when it deleted text).
      placeAnchors: (session, carried) => {
        const first = session.paragraph(a.startPid)!;
        const end = a.startOffset + replacement.length;
        if (replacement.length === 0) return;
        carried.set(a.id, {
          id: a.id,
          outcome: "exact",
          startPid: first.id,
          startOffset: a.startOffset,
          endPid: first.id,
          endOffset: end,
          quote: quoteOf([first], a.startOffset, end),
          ...contextOf(first.text, a.startOffset, first.text, end),
          anchorState: "anchored",
          confidence: 1,
        });
      },
    },
  );
  await tx.suggestion.update({
    where: { annotationId: a.id },
    data: { state: "accepted", decidedById: actor.userId, decidedAt: new Date(), appliedVersion: out.result.version, version: { increment: 1 } },
  });
  await tx.annotation.update({ where: { id: a.id }, data: { version: { increment: 1 } } });
  const written = await decided(tx, actor, a.id, input.clientMutationId, out.events);
  return { ...written, afterCommit: ({ paragraphs }) => paragraphs.forget(a.documentId) };
}

export async function rejectSuggestion(tx: Tx, actor: Actor, input: Decision): Promise<Written<AnnotationDto>> {
  const a = await loadOpenSuggestion(tx, actor, input);
  await tx.suggestion.update({ where: { annotationId: a.id }, data: { state: "rejected", decidedById: actor.userId, decidedAt: new Date(), version: { increment: 1 } } });
  await tx.annotation.update({ where: { id: a.id }, data: { version: { increment: 1 } } });
  return decided(tx, actor, a.id, input.clientMutationId, []);
}
