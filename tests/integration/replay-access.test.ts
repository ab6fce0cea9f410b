/**
 * A repeated clientMutationId is answered with the recorded result only while the caller may
 * still make that change: someone removed from the workspace gets the 404 a fresh attempt
 * gets, someone demoted to viewer the 403, over REST and sockets alike; nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { addMember, buildWorld, connected, importDocument, mutate, startTestServer, type ClientSocket, type HttpClient, type TestServer, type World } from "../helpers/kit.ts";
import { socketsClosedAfterEach } from "../helpers/test-sockets.ts";
import type { AnnotationDto, ReplyDto } from "../../common/annotations.ts";
import type { AckResult } from "../../common/realtime.ts";

let server: TestServer;
let doc: World<HttpClient, "Ana" | "Ben" | "Cat" | "Eve">;
const sockets = socketsClosedAfterEach();

beforeAll(async () => {
  server = await startTestServer({ realtime: { burst: 400, perSecond: 400 } });
  doc = await buildWorld(server, { members: { Ana: "analyst", Ben: "analyst", Cat: "analyst", Eve: "editor" } });
});
afterAll(async () => {
  await server?.stop();
});

async function socketOf(user: HttpClient): Promise<ClientSocket> {
  const s = user.connect();
  sockets.push(s);
  await connected(s);
  return s;
}

/** What each person sent before their access changed: a create and a reply, each over both doors. */
interface Sent {
  annotationBySocket: { input: Record<string, unknown>; result: AnnotationDto };
  annotationByRest: { input: Record<string, unknown>; result: AnnotationDto };
  replyBySocket: { input: Record<string, unknown>; result: ReplyDto };
  replyByRest: { input: Record<string, unknown>; result: ReplyDto };
}

async function send(user: HttpClient, quote: string): Promise<Sent> {
  const socket = await socketOf(user);
  const createInput = () => ({ documentId: doc.documentId, kind: "comment" as const, body: `${user.displayName} on ${quote}`, anchor: doc.anchor(quote), clientMutationId: randomUUID() });
  const bySocket = createInput();
  const created = (await mutate(socket, "annotation:create", bySocket)) as AckResult<AnnotationDto>;
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const byRest = createInput();
  const { annotation } = await user.ok<{ annotation: AnnotationDto }>("POST", `/api/documents/${doc.documentId}/annotations`, byRest, [201]);
  const replyBySocket = { annotationId: created.result.id, body: "Sourced?", stance: "questions" as const, clientMutationId: randomUUID() };
  const replied = (await mutate(socket, "reply:create", replyBySocket)) as AckResult<ReplyDto>;
  if (!replied.ok) throw new Error(JSON.stringify(replied.error));
  const replyByRest = { body: "Still sourced?", stance: "questions" as const, clientMutationId: randomUUID() };
  const { reply } = await user.ok<{ reply: ReplyDto }>("POST", `/api/annotations/${annotation.id}/replies`, replyByRest, [201]);
  return {
    annotationBySocket: { input: bySocket, result: created.result },
    annotationByRest: { input: byRest, result: annotation },
    replyBySocket: { input: replyBySocket, result: replied.result },
    replyByRest: { input: { ...replyByRest, annotationId: annotation.id }, result: reply },
  };
}

/** Sends every request of `sent` again, over the door it first came in by. */
async function repeat(user: HttpClient, sent: Sent) {
  const socket = await socketOf(user);
  const { annotationId: restReplyTarget, ...replyBody } = sent.replyByRest.input;
  return {
    annotationBySocket: (await mutate(socket, "annotation:create", sent.annotationBySocket.input as never)) as AckResult<AnnotationDto>,
    annotationByRest: await user.request("POST", `/api/documents/${doc.documentId}/annotations`, sent.annotationByRest.input),
    replyBySocket: (await mutate(socket, "reply:create", sent.replyBySocket.input as never)) as AckResult<ReplyDto>,
    replyByRest: await user.request("POST", `/api/annotations/${restReplyTarget as string}/replies`, replyBody),
  };
}

async function writtenFor(sent: Sent): Promise<{ events: number; annotations: number; replies: number }> {
  const ids = [sent.annotationBySocket, sent.annotationByRest, sent.replyBySocket, sent.replyByRest].map((s) => s.input.clientMutationId as string);
  return {
    events: await server.db.documentEvent.count({ where: { clientMutationId: { in: ids } } }),
    annotations: await server.db.annotation.count({ where: { documentId: doc.documentId } }),
    replies: await server.db.reply.count({ where: { annotation: { documentId: doc.documentId } } }),
  };
}

async function expectRefused(again: Awaited<ReturnType<typeof repeat>>, status: number, message: RegExp) {
  for (const ack of [again.annotationBySocket, again.replyBySocket]) {
    expect(ack.ok).toBe(false);
    expect(ack).not.toHaveProperty("result");
    expect((ack as { error: { status: number; message: string } }).error).toMatchObject({ status });
    expect((ack as { error: { message: string } }).error.message).toMatch(message);
  }
  for (const answer of [again.annotationByRest, again.replyByRest]) {
    expect(answer.status).toBe(status);
    expect(answer.headers.get("x-idempotent-replay")).toBeNull();
    expect(answer.body).not.toHaveProperty("annotation");
    expect(answer.body).not.toHaveProperty("reply");
    expect((answer.body as { error: { message: string } }).error.message).toMatch(message);
  }
}

/** A member who keeps their access sends a create and a reply over each door, sends them again, and is answered with what was recorded. */
async function expectAnsweredAgain(user: HttpClient) {
  const sent = await send(user, "three new regional agreements by 2030");
  const before = await writtenFor(sent);
  const again = await repeat(user, sent);
  expect(again.annotationBySocket).toMatchObject({ ok: true, replayed: true, result: { id: sent.annotationBySocket.result.id } });
  expect(again.replyBySocket).toMatchObject({ ok: true, replayed: true, result: { id: sent.replyBySocket.result.id } });
  expect(again.annotationByRest.status).toBe(201);
  expect(again.annotationByRest.headers.get("x-idempotent-replay")).toBe("true");
  expect((again.annotationByRest.body as { annotation: AnnotationDto }).annotation.id).toBe(sent.annotationByRest.result.id);
  expect(again.replyByRest.status).toBe(201);
  expect(again.replyByRest.headers.get("x-idempotent-replay")).toBe("true");
  expect((again.replyByRest.body as { reply: ReplyDto }).reply.id).toBe(sent.replyByRest.result.id);
  expect(await writtenFor(sent)).toEqual(before);
}

describe("a repeated clientMutationId after the sender's access changed", () => {
  it("someone removed from the workspace gets 404, not the recorded result; someone still there gets theirs", async () => {
    const ana = doc.users.Ana;
    const sent = await send(ana, "notification regimes");
    const before = await writtenFor(sent);
    await doc.owner.ok("DELETE", `/api/workspaces/${doc.workspaceId}/members/${ana.id}`, undefined, [204]);
    try {
      const again = await repeat(ana, sent);
      await expectRefused(again, 404, /not found/);
      expect((again.annotationBySocket as { error: { message: string } }).error.message).toBe("Document not found");
      expect((again.replyByRest.body as { error: { message: string } }).error.message).toBe("Annotation not found");
      expect(await writtenFor(sent)).toEqual(before);
      await expectAnsweredAgain(doc.users.Cat);
    } finally {
      await addMember(doc.owner, doc.workspaceId, ana, "analyst");
    }
  });

  it("someone demoted to viewer gets 403, not the recorded result", async () => {
    const ben = doc.users.Ben;
    const sent = await send(ben, "moved it elsewhere");
    const before = await writtenFor(sent);
    await doc.owner.ok("PATCH", `/api/workspaces/${doc.workspaceId}/members/${ben.id}`, { role: "viewer" });
    try {
      const again = await repeat(ben, sent);
      await expectRefused(again, 403, /read-only/);
      expect(await writtenFor(sent)).toEqual(before);
    } finally {
      await doc.owner.ok("PATCH", `/api/workspaces/${doc.workspaceId}/members/${ben.id}`, { role: "analyst" });
    }
  });

  it("a deleted document: its deleter is answered again while still an editor, and refused 403 once a viewer", async () => {
    const eve = doc.users.Eve;
    const { id } = await importDocument(eve, doc.workspaceId, { content: "A page to delete.", format: "txt" });
    const path = `/api/documents/${id}?clientMutationId=${randomUUID()}`;
    await eve.ok("DELETE", path, undefined, [204]);
    const again = await eve.request("DELETE", path);
    expect(again.status).toBe(204);
    expect(again.headers.get("x-idempotent-replay")).toBe("true");
    const logged = () => server.db.workspaceEvent.count({ where: { workspaceId: doc.workspaceId, documentId: id } });
    const before = await logged();
    await doc.owner.ok("PATCH", `/api/workspaces/${doc.workspaceId}/members/${eve.id}`, { role: "viewer" });
    try {
      const refused = await eve.request("DELETE", path);
      expect(refused.status).toBe(403);
      expect(refused.headers.get("x-idempotent-replay")).toBeNull();
      expect((refused.body as { error: { code: string } }).error.code).toBe("forbidden");
      expect(await logged()).toBe(before);
    } finally {
      await doc.owner.ok("PATCH", `/api/workspaces/${doc.workspaceId}/members/${eve.id}`, { role: "editor" });
    }
  });
});
