import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DocumentEventDto } from "../../../common/events.ts";
import type { DocumentEditDto } from "../../../common/editing.ts";
import { paragraph } from "../editor/test-doc.ts";
import { EditBuffer } from "../features/editing/edit-buffer.ts";
import { DocumentSession, type MutationOutcome } from "./document-session.ts";
import { Outbox, type KeyValueStorage } from "./outbox.ts";
import type { ScholiaSocket } from "./socket.ts";

type Ack = (err: Error | null, res: unknown) => void;

/** A socket whose server answers only when the test says so (a slow server). */
function fakeSocket() {
  const handlers = new Map<string, (payload: unknown) => void>();
  const sent: Array<{ name: string; input: Record<string, unknown>; ack: Ack }> = [];
  const emit = (name: string, input: Record<string, unknown>, ack?: Ack) => {
    if (name === "document:join") return ack?.(null, { ok: true, seq: 0, presence: [] });
    if (ack) sent.push({ name, input, ack });
  };
  const socket = {
    id: "s1",
    connected: true,
    on: (name: string, fn: (payload: unknown) => void) => void handlers.set(name, fn),
    off: (name: string) => void handlers.delete(name),
    emit,
    timeout: () => ({ emit }),
    connect: () => socket,
    disconnect: () => socket,
  };
  return { socket: socket as unknown as ScholiaSocket, sent, deliver: (name: string, payload: unknown) => handlers.get(name)?.(payload) };
}

function memoryStorage(): KeyValueStorage {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe("a document session's outbox", () => {
  beforeEach(() => {
    vi.stubGlobal("navigator", { onLine: true });
    vi.stubGlobal("window", { addEventListener: () => undefined, removeEventListener: () => undefined });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("sends a change queued while an earlier one waits for its answer (two paragraphs saved at once)", async () => {
    const { socket, sent, deliver } = fakeSocket();
    const buffer = new EditBuffer();
    let seq = 0;
    const session = new DocumentSession(socket, "d1", 0, new Outbox(memoryStorage(), "k"), {
      onEvent: (e) => {
        if (e.type === "document.edited") for (const p of e.payload.paragraphs) buffer.received(p, e.clientMutationId);
      },
      onResult: (outcome: MutationOutcome) => {
        if (outcome.name === "paragraph:update") for (const p of outcome.result.paragraphs) buffer.received(p, outcome.entry.id);
      },
      onRejected: () => undefined,
    });
    session.start();

    // Typing in the first paragraph and in the last, then Save: one paragraph:update each, back to back.
    const first = { ...paragraph("p1", 0, "First."), version: 1 };
    const last = { ...paragraph("p600", 599, "Last."), version: 1 };
    buffer.typed(first, "First, typed.");
    buffer.typed(last, "Last, typed.");
    for (const s of buffer.due()) buffer.sent(s, session.mutate("paragraph:update", { paragraphId: s.paragraphId, version: s.version, text: s.text }));
    expect(buffer.busy).toBe(true);

    // The server answers each save it receives, its event first (the sender is in the room).
    const answer = async () => {
      const m = sent.shift()!;
      const p = { ...(m.input.paragraphId === "p1" ? first : last), text: m.input.text as string, version: 2 };
      const edit: DocumentEditDto = { documentId: "d1", version: ++seq + 1, paragraphs: [p], retired: [], order: null, anchors: [], metadata: null };
      const event = { seq, documentId: "d1", type: "document.edited", payload: edit, actorId: "u1", clientMutationId: m.input.clientMutationId, createdAt: "" } as unknown as DocumentEventDto;
      deliver("document:event", event);
      m.ack(null, { ok: true, result: edit });
      await new Promise((r) => setTimeout(r, 0));
    };
    expect(sent.map((m) => m.input.paragraphId)).toEqual(["p1"]);
    await answer();
    // The second save went out once the first was answered, and its answer settles the typing.
    expect(sent.map((m) => m.input.paragraphId)).toEqual(["p600"]);
    await answer();
    expect(buffer.busy).toBe(false);
    expect(session.getSnapshot().waiting).toBe(0);
    session.stop();
  });
});
