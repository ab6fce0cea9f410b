/**
 * presence:selection / presence:typing: ephemeral, never stored. Only sockets joined to the
 * document may send them, typing only about one of the document's annotations, and every
 * delivery goes through the PresenceGate (coalesced, and paid for per user and per document by
 * the room's size).
 */
import { z } from "zod";
import { IdSchema } from "../../../common/workspaces.ts";
import { HttpError } from "../../http/errors.ts";
import { docRoom } from "../rooms.ts";
import type { PresenceGate } from "../presence-gate.ts";
import type { ScholiaSocket } from "../socket-types.ts";
import { parsePayload, type On } from "./guard.ts";

const PointSchema = z.object({ paragraphId: IdSchema, offset: z.number().int().min(0).max(1_000_000) });
const SelectionSchema = z.object({ documentId: IdSchema, selection: z.object({ start: PointSchema, end: PointSchema }).nullable() });
const TypingSchema = z.object({ documentId: IdSchema, annotationId: IdSchema, typing: z.boolean() });

/** The gate key prefix of everything one socket has waiting. */
export const presenceKeyOf = (socket: ScholiaSocket) => `${socket.id}|`;

/** socket.rooms, not socket.data, is the truth: access revocation removes rooms from any node. */
function requireJoined(socket: ScholiaSocket, documentId: string): void {
  if (!socket.rooms.has(docRoom(documentId))) {
    delete socket.data.docs[documentId];
    throw new HttpError(404, "not_joined", "Join the document first", "documentId");
  }
}

/** Whether `annotationId` is one of `documentId`'s annotations. */
export type AnnotationOf = (documentId: string, annotationId: string) => Promise<boolean>;

/** Pairs known to hold, at most this many (typing comes again and again about the same thread). */
const KNOWN_PAIRS = 10_000;

/** `annotationOf` with the pairs found to hold remembered (an annotation never moves to another document). */
export function rememberingAnnotationOf(annotationOf: AnnotationOf): AnnotationOf {
  const known = new Set<string>();
  return async (documentId, annotationId) => {
    const key = `${documentId}|${annotationId}`;
    if (known.has(key)) return true;
    const found = await annotationOf(documentId, annotationId);
    if (found) {
      if (known.size >= KNOWN_PAIRS) known.clear();
      known.add(key);
    }
    return found;
  };
}

export function presenceHandlers(on: On, gate: PresenceGate, annotationOf: AnnotationOf): void {
  on("presence:selection", (socket, payload) => {
    const { documentId, selection } = parsePayload(SelectionSchema, payload);
    requireJoined(socket, documentId);
    const user = socket.data.user;
    socket.data.selections[documentId] = selection;
    gate.offer(`${presenceKeyOf(socket)}${documentId}|selection`, user.id, documentId, () => {
      // Sent later when throttled: by then the socket may have left the document.
      if (!socket.rooms.has(docRoom(documentId))) return;
      socket.to(docRoom(documentId)).emit("presence:selection", { documentId, socketId: socket.id, userId: user.id, selection: socket.data.selections[documentId] ?? null });
    });
    return { ok: true as const, result: null };
  });

  on("presence:typing", async (socket, payload) => {
    const { documentId, annotationId, typing } = parsePayload(TypingSchema, payload);
    requireJoined(socket, documentId);
    if (!(await annotationOf(documentId, annotationId))) throw new HttpError(404, "not_found", "No such annotation in this document", "annotationId");
    // The socket may have left while the annotation was looked up.
    requireJoined(socket, documentId);
    const user = socket.data.user;
    gate.offer(`${presenceKeyOf(socket)}${documentId}|typing`, user.id, documentId, () => {
      if (!socket.rooms.has(docRoom(documentId))) return;
      socket.to(docRoom(documentId)).emit("presence:typing", { documentId, socketId: socket.id, userId: user.id, displayName: user.displayName, annotationId, typing });
    });
    return { ok: true as const, result: null };
  });
}
