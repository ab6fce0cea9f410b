import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import {
  addMember,
  buildWorld,
  connected,
  eventually,
  importDocument,
  startTestServer,
  type ClientSocket,
  type ConnectOptions,
  type HttpClient,
  type TestServer,
  type World,
} from "../helpers/kit.ts";
import { socketsClosedAfterEach } from "../helpers/test-sockets.ts";
import { mutate, openJoined as joinAs } from "../helpers/realtime-client.ts";
import type { AnnotationDto } from "../../common/annotations.ts";
import type { AckResult } from "../../common/realtime.ts";
import { recordedLookup } from "../../server/modules/annotations/annotation-create-batch.ts";

let server: TestServer;
let doc: World<HttpClient, "Ana" | "Ben" | "Vic" | "Eve">;
const sockets = socketsClosedAfterEach();

function open(user: HttpClient, opts?: ConnectOptions): ClientSocket {
  const s = user.connect(opts);
  sockets.push(s);
  return s;
}

function openJoined(user: HttpClient, documentId = doc.documentId) {
  return joinAs(user, documentId, sockets);
}

const anchorOn = (text: string) => doc.anchor(text);

beforeAll(async () => {
  server = await startTestServer({ realtime: { burst: 400, perSecond: 400 } });
  doc = await buildWorld(server, { members: { Ana: "analyst", Ben: "analyst", Vic: "viewer", Eve: "editor" } });
});
afterAll(async () => {
  await server?.stop();
});

describe("live collaboration", () => {
  it("two analysts see each other's annotations, replies and presence", async () => {
    const a = await openJoined(doc.users.Ana);
    const b = await openJoined(doc.users.Ben);
    await eventually(() => expect(b.feed.presence.map((p) => p.userId)).toContain(doc.users.Ana.id));

    const created = await mutate(a.socket, "annotation:create", {
      documentId: doc.documentId,
      kind: "claim",
      body: "Is this forecast sourced?",
      anchor: anchorOn("three new regional agreements by 2030"),
      clientMutationId: randomUUID(),
    });
    expect(created.ok).toBe(true);
    const annotation = (created as { result: AnnotationDto }).result;
    expect(annotation.anchor.quote).toBe("three new regional agreements by 2030");
    expect(annotation.anchor.prefix).toBe("Analysts expect ");
    expect(annotation.anchor.suffix.startsWith(", though none")).toBe(true);
    expect(annotation.claim?.status).toBe("open");

    await eventually(() => expect(b.feed.ofType("annotation.created").map((e) => (e.payload as { annotation: AnnotationDto }).annotation.id)).toEqual([annotation.id]));

    const reply = await mutate(b.socket, "reply:create", { annotationId: annotation.id, body: "The 2030 date has no source.", stance: "disputes" });
    expect(reply.ok).toBe(true);
    await eventually(() => expect(a.feed.ofType("reply.created")).toHaveLength(1));
    expect((a.feed.ofType("reply.created")[0]!.payload as { reply: { stance: string } }).reply.stance).toBe("disputes");
  });

  it("shares selections and typing with the others in the document, not with itself", async () => {
    const a = await openJoined(doc.users.Ana);
    const b = await openJoined(doc.users.Ben);
    const seen: unknown[] = [];
    const typing: unknown[] = [];
    b.socket.on("presence:selection", (p) => seen.push(p));
    b.socket.on("presence:typing", (p) => typing.push(p));
    const mine: unknown[] = [];
    a.socket.on("presence:selection", (p) => mine.push(p));
    const selection = anchorOn("confidence-building measures");
    a.socket.emit("presence:selection", { documentId: doc.documentId, selection });
    const thread = await mutate(a.socket, "annotation:create", { documentId: doc.documentId, kind: "comment", body: "Typing about this one.", anchor: anchorOn("confidence-building measures"), clientMutationId: randomUUID() });
    const annotationId = (thread as { result: AnnotationDto }).result.id;
    // Typing is about one of the document's annotations: another id is refused, naming the field, and reaches no one.
    const acked = a.socket.timeout(5000) as unknown as { emitWithAck(event: string, payload: unknown): Promise<AckResult<null>> };
    const stranger = await acked.emitWithAck("presence:typing", { documentId: doc.documentId, annotationId: "a_whatever", typing: true });
    expect(stranger).toMatchObject({ ok: false, error: { status: 404, field: "annotationId" } });
    a.socket.emit("presence:typing", { documentId: doc.documentId, annotationId, typing: true });
    await eventually(() => expect(seen).toEqual([{ documentId: doc.documentId, socketId: a.socket.id, userId: doc.users.Ana.id, selection }]));
    await eventually(() => expect(typing).toHaveLength(1));
    expect(typing[0]).toMatchObject({ annotationId, typing: true });
    expect(mine).toEqual([]);
    // a newcomer sees A's selection in the join presence
    const c = await openJoined(doc.users.Eve);
    expect(c.feed.presence.find((p) => p.socketId === a.socket.id)?.selection).toEqual(selection);
    const left: unknown[] = [];
    b.socket.on("presence:left", (p) => left.push(p));
    a.socket.disconnect();
    await eventually(() => expect(left).toContainEqual({ documentId: doc.documentId, socketId: expect.any(String), userId: doc.users.Ana.id }));
  });
});

describe("nothing lost", () => {
  it("a client away while 200 events happen gets all 200 on rejoin, in order, once each", async () => {
    const writer = await openJoined(doc.users.Ana);
    const reader = await openJoined(doc.users.Ben);
    const startSeq = reader.feed.lastSeq;
    reader.socket.disconnect();
    const anchor = anchorOn("confidence-building measures at sea");
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => mutate(writer.socket, "annotation:create", { documentId: doc.documentId, kind: "comment", body: `note ${i}`, anchor })),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const again = open(doc.users.Ben);
    await connected(again);
    const ack = await reader.feed.rejoin(again);
    expect(ack.ok).toBe(true);
    await eventually(() => expect(reader.feed.applied.filter((e) => e.seq > startSeq)).toHaveLength(200));
    const seqs = reader.feed.applied.map((e) => e.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
    expect(seqs[seqs.length - 1]! - startSeq).toBe(200);
    // the writer, online all along, saw the same 200 in the same order
    await eventually(() => expect(writer.feed.lastSeq).toBe(reader.feed.lastSeq));
    expect(writer.feed.applied.filter((e) => e.seq > startSeq).map((e) => e.seq)).toEqual(seqs.filter((s) => s > startSeq));
  });

  it("a retried mutation writes once, over sockets and REST alike", async () => {
    const a = await openJoined(doc.users.Ana);
    const clientMutationId = randomUUID();
    const input = { documentId: doc.documentId, kind: "highlight" as const, anchor: anchorOn("notification regimes"), clientMutationId };
    const first = await mutate(a.socket, "annotation:create", input);
    const second = await mutate(a.socket, "annotation:create", input);
    const third = await doc.users.Ana.request("POST", `/api/documents/${doc.documentId}/annotations`, input);
    expect(first.ok && second.ok).toBe(true);
    const id = (first as { result: AnnotationDto }).result.id;
    expect((second as { result: AnnotationDto }).result.id).toBe(id);
    expect((third.body as { annotation: AnnotationDto }).annotation.id).toBe(id);
    expect(third.headers.get("x-idempotent-replay")).toBe("true");
    expect(await server.db.documentEvent.count({ where: { clientMutationId } })).toBe(1);
    expect(await server.db.annotation.count({ where: { id } })).toBe(1);
  });

  it("a clientMutationId is each person's own: two people sending the same one make two annotations, and each retry gets its own", async () => {
    const a = await openJoined(doc.users.Ana);
    const b = await openJoined(doc.users.Ben);
    const clientMutationId = randomUUID();
    const input = (body: string) => ({ documentId: doc.documentId, kind: "comment" as const, body, anchor: anchorOn("notification regimes"), clientMutationId });
    const [fromAna, fromBen] = await Promise.all([mutate(a.socket, "annotation:create", input("Ana's")), mutate(b.socket, "annotation:create", input("Ben's"))]);
    const [anaAgain, benAgain] = await Promise.all([mutate(a.socket, "annotation:create", input("Ana's")), mutate(b.socket, "annotation:create", input("Ben's"))]);
    const idOf = (r: Awaited<ReturnType<typeof mutate>>) => (r as { result: AnnotationDto }).result.id;
    expect(idOf(fromAna)).not.toBe(idOf(fromBen));
    expect(idOf(anaAgain)).toBe(idOf(fromAna));
    expect(idOf(benAgain)).toBe(idOf(fromBen));
    expect(await server.db.annotation.count({ where: { id: { in: [idOf(fromAna), idOf(fromBen)] } } })).toBe(2);
    expect(await server.db.documentEvent.count({ where: { clientMutationId } })).toBe(2);
  });

  it("looks recorded changes up by their key, not by a scan of every change recorded", async () => {
    if (server.database.provider !== "sqlite") return;
    const items = [doc.users.Ana, doc.users.Ben].map((u) => ({ actor: { userId: u.id, displayName: u.displayName }, input: { clientMutationId: randomUUID() } }));
    const [sql, params] = recordedLookup(items as unknown as Parameters<typeof recordedLookup>[0]);
    const plan = await server.db.$queryRawUnsafe<Array<{ detail: string }>>(`EXPLAIN QUERY PLAN ${sql}`, ...params);
    expect(plan.map((p) => p.detail).join("; ")).toMatch(/SEARCH ClientMutation USING (PRIMARY KEY|INDEX)/);
    expect(plan.map((p) => p.detail).join("; ")).not.toMatch(/SCAN ClientMutation/);
  });

  it("concurrent edits of one version: exactly one wins, the others get the current state", async () => {
    const a = await openJoined(doc.users.Ana);
    const e = await openJoined(doc.users.Eve);
    const created = (await mutate(a.socket, "annotation:create", { documentId: doc.documentId, kind: "comment", body: "v1", anchor: anchorOn("moved it elsewhere") })) as {
      result: AnnotationDto;
    };
    const edits = await Promise.all([
      mutate(a.socket, "annotation:update", { annotationId: created.result.id, version: 1, body: "by Ana" }),
      mutate(e.socket, "annotation:update", { annotationId: created.result.id, version: 1, body: "by Eve" }),
      doc.users.Ana.request("PATCH", `/api/annotations/${created.result.id}`, { version: 1, body: "by Ana over REST" }),
    ]);
    const socketWins = edits.slice(0, 2).filter((r) => (r as { ok: boolean }).ok).length;
    const restWin = (edits[2] as { status: number }).status === 200 ? 1 : 0;
    expect(socketWins + restWin).toBe(1);
    const losers = edits.slice(0, 2).filter((r) => !(r as { ok: boolean }).ok) as Array<{ ok: false; error: { status: number; details: { current: AnnotationDto } } }>;
    for (const l of losers) {
      expect(l.error.status).toBe(409);
      expect(l.error.details.current.version).toBe(2);
    }
    const row = await server.db.annotation.findUniqueOrThrow({ where: { id: created.result.id } });
    expect(row.version).toBe(2);
  });
});

describe("who may connect and act", () => {
  it("refuses a handshake without a session", async () => {
    const s = open(doc.users.Ana, { cookie: null });
    await expect(connected(s)).rejects.toThrow();
  });

  it("refuses a handshake with a forged session cookie", async () => {
    const s = open(doc.users.Ana, { cookie: "scholia.sid=s%3Aforged.signature" });
    await expect(connected(s)).rejects.toThrow();
  });

  it("refuses a handshake from a foreign Origin", async () => {
    const s = open(doc.users.Ana, { origin: "https://evil.example" });
    await expect(connected(s)).rejects.toThrow();
  });

  it("a non-member cannot join, read or act on the document", async () => {
    const stranger = await server.signUp({ displayName: "Stranger" });
    const s = open(stranger);
    await connected(s);
    const join = await s.timeout(5000).emitWithAck("document:join", { documentId: doc.documentId, lastSeq: 0 });
    expect(join).toMatchObject({ ok: false, error: { status: 404 } });
    const create = await mutate(s, "annotation:create", { documentId: doc.documentId, kind: "comment", body: "x", anchor: anchorOn("moved it elsewhere") });
    expect(create).toMatchObject({ ok: false, error: { status: 404 } });
    const sync = await s.timeout(5000).emitWithAck("document:sync", { documentId: doc.documentId, lastSeq: 0 });
    expect(sync).toMatchObject({ ok: false, error: { status: 404 } });
  });

  it("a viewer reads and follows but every mutation is refused", async () => {
    const v = await openJoined(doc.users.Vic);
    const res = await mutate(v.socket, "annotation:create", { documentId: doc.documentId, kind: "comment", body: "x", anchor: anchorOn("moved it elsewhere") });
    expect(res).toMatchObject({ ok: false, error: { status: 403 } });
    const rest = await doc.users.Vic.request("POST", `/api/documents/${doc.documentId}/annotations`, { kind: "comment", body: "x", anchor: anchorOn("moved it elsewhere") });
    expect(rest.status).toBe(403);
    const list = await doc.users.Vic.request("GET", `/api/documents/${doc.documentId}/annotations`);
    expect(list.status).toBe(200);
  });

  it("a removed member's socket stops getting events at once and can no longer act", async () => {
    const temp = await server.signUp({ displayName: "Temp" });
    await addMember(doc.owner, doc.workspaceId, temp, "analyst");
    const t = await openJoined(temp);
    const a = await openJoined(doc.users.Ana);
    const revoked: unknown[] = [];
    t.socket.on("access:revoked", (p) => revoked.push(p));
    await mutate(a.socket, "annotation:create", { documentId: doc.documentId, kind: "comment", body: "before", anchor: anchorOn("moved it elsewhere") });
    await eventually(() => expect(t.feed.ofType("annotation.created").some((e) => (e.payload as { annotation: AnnotationDto }).annotation.body.text === "before")).toBe(true));
    const before = t.feed.applied.length;

    await doc.owner.ok("DELETE", `/api/workspaces/${doc.workspaceId}/members/${temp.id}`);
    await eventually(() => expect(revoked).toEqual([{ workspaceId: doc.workspaceId, documentIds: [doc.documentId] }]));
    const after = await mutate(a.socket, "annotation:create", { documentId: doc.documentId, kind: "comment", body: "after", anchor: anchorOn("moved it elsewhere") });
    expect(after.ok).toBe(true);
    await eventually(() => expect(a.feed.ofType("annotation.created").some((e) => (e.payload as { annotation: AnnotationDto }).annotation.body.text === "after")).toBe(true));
    const act = await mutate(t.socket, "annotation:create", { documentId: doc.documentId, kind: "comment", body: "x", anchor: anchorOn("moved it elsewhere") });
    expect(act).toMatchObject({ ok: false, error: { status: 404 } });
    // That refusal came back on the removed socket's own connection after "after" was published:
    // had the socket still been in the room, the event would have reached it first.
    expect(t.feed.applied.length).toBe(before);
    const timed = t.socket.timeout(5000) as unknown as { emitWithAck(ev: string, p: unknown): Promise<unknown> };
    const sel = await timed.emitWithAck("presence:selection", { documentId: doc.documentId, selection: null });
    expect(sel).toMatchObject({ ok: false, error: { status: 404 } });
  });

  it("a deleted document's sockets leave it: presence there is refused and reaches no one", async () => {
    const { id: documentId, paragraphs } = await importDocument(doc.owner, doc.workspaceId, { content: "Short-lived\n\nA paragraph to point at.", format: "txt" });
    const a = await openJoined(doc.users.Ana, documentId);
    const b = await openJoined(doc.users.Ben, documentId);
    const seen: unknown[] = [];
    b.socket.on("presence:selection", (p) => seen.push(p));
    await doc.owner.ok("DELETE", `/api/documents/${documentId}`);
    const p = paragraphs.find((x) => x.text.startsWith("A paragraph"))!;
    const timed = a.socket.timeout(5000) as unknown as { emitWithAck(ev: string, p: unknown): Promise<unknown> };
    await eventually(async () => {
      const sel = await timed.emitWithAck("presence:selection", { documentId, selection: { start: { paragraphId: p.id, offset: 0 }, end: { paragraphId: p.id, offset: 6 } } });
      expect(sel).toMatchObject({ ok: false, error: { status: 404 } });
    });
    // The selection sent before the refusal (if any) went nowhere either: B is out of the room too.
    const late = await (b.socket.timeout(5000) as unknown as { emitWithAck(ev: string, p: unknown): Promise<unknown> }).emitWithAck("presence:selection", { documentId, selection: null });
    expect(late).toMatchObject({ ok: false, error: { status: 404 } });
    expect(seen).toEqual([]);
  });

  it("signing out disconnects the session's sockets", async () => {
    const u = await server.signUp({ displayName: "Leaver" });
    const s = open(u);
    await connected(s);
    const gone = new Promise<string>((resolve) => s.once("disconnect", (reason) => resolve(reason)));
    await u.ok("POST", "/api/auth/logout");
    expect(await gone).toBe("io server disconnect");
  });
});

describe("refusals are clear answers", () => {
  it("rejects anchors outside the text or with a wrong quote, naming the field", async () => {
    const a = await openJoined(doc.users.Ana);
    const p = doc.paragraphs.find((x) => x.kind === "paragraph")!;
    const cases: Array<[unknown, string]> = [
      [{ start: { paragraphId: p.id, offset: 0 }, end: { paragraphId: p.id, offset: p.text.length + 1 } }, "anchor.end.offset"],
      [{ start: { paragraphId: p.id, offset: 5 }, end: { paragraphId: p.id, offset: 5 } }, "anchor.end.offset"],
      [{ start: { paragraphId: "p_nope", offset: 0 }, end: { paragraphId: p.id, offset: 3 } }, "anchor.start.paragraphId"],
      [{ start: { paragraphId: p.id, offset: 0 }, end: { paragraphId: p.id, offset: 3 }, quote: "xyz" }, "anchor.quote"],
      [{ start: { paragraphId: p.id, offset: -1 }, end: { paragraphId: p.id, offset: 3 } }, "anchor.start.offset"],
    ];
    for (const [anchor, field] of cases) {
      const res = await mutate(a.socket, "annotation:create", { documentId: doc.documentId, kind: "comment", body: "x", anchor } as never);
      expect(res).toMatchObject({ ok: false, error: { status: 400, field } });
    }
  });

  it("spans several paragraphs with the server's own quote", async () => {
    const a = await openJoined(doc.users.Ana);
    const body = doc.paragraphs.filter((p) => p.kind !== "heading" && p.kind !== "meta");
    const first = body[0]!;
    const second = body[1]!;
    const res = (await mutate(a.socket, "annotation:create", {
      documentId: doc.documentId,
      kind: "highlight",
      anchor: { start: { paragraphId: first.id, offset: first.text.length - 10 }, end: { paragraphId: second.id, offset: 8 } },
    })) as { ok: true; result: AnnotationDto };
    expect(res.ok).toBe(true);
    expect(res.result.anchor.quote).toBe(`${first.text.slice(-10)}\n${second.text.slice(0, 8)}`);
  });

  it("refuses executable rich text and oversized bodies and messages", async () => {
    const a = await openJoined(doc.users.Ana);
    const anchor = anchorOn("moved it elsewhere");
    const evil = {
      format: "rich",
      doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "click", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }] },
    };
    const r1 = await mutate(a.socket, "annotation:create", { documentId: doc.documentId, kind: "comment", body: evil as never, anchor });
    expect(r1).toMatchObject({ ok: false, error: { status: 400, field: "body" } });
    const script = { format: "rich", doc: { type: "doc", content: [{ type: "script", content: [{ type: "text", text: "alert(1)" }] }] } };
    const r2 = await mutate(a.socket, "annotation:create", { documentId: doc.documentId, kind: "comment", body: script as never, anchor });
    expect(r2).toMatchObject({ ok: false, error: { status: 400, field: "body" } });
    // unknown attributes (event handlers) are dropped, not stored
    const sneaky = {
      format: "rich",
      doc: { type: "doc", content: [{ type: "paragraph", attrs: { onclick: "alert(1)" }, content: [{ type: "text", text: "ok", marks: [{ type: "link", attrs: { href: "https://example.org", onmouseover: "x" } }] }] }] },
    };
    const r3 = (await mutate(a.socket, "annotation:create", { documentId: doc.documentId, kind: "comment", body: sneaky as never, anchor })) as { ok: true; result: AnnotationDto };
    expect(r3.ok).toBe(true);
    const stored = await server.db.annotation.findUniqueOrThrow({ where: { id: r3.result.id } });
    expect(stored.body).not.toMatch(/onclick|onmouseover|alert/);
    expect(stored.body).toContain("https://example.org");

    const long = await mutate(a.socket, "annotation:create", { documentId: doc.documentId, kind: "comment", body: "x".repeat(10_001), anchor });
    expect(long).toMatchObject({ ok: false, error: { status: 400, field: "body" } });
    const huge = await mutate(a.socket, "annotation:create", { documentId: doc.documentId, kind: "comment", body: "x".repeat(70_000), anchor });
    expect(huge).toMatchObject({ ok: false, error: { status: 413 } });
    expect(a.socket.connected).toBe(true);
  });

  it("rate-limits a flooding socket with clear errors and keeps serving", async () => {
    const flood = await startTestServer({ realtime: { burst: 20, perSecond: 10 } });
    try {
      const d = await buildWorld(flood);
      const s = d.owner.connect();
      sockets.push(s);
      await connected(s);
      const acks = await Promise.all(Array.from({ length: 60 }, () => s.timeout(5000).emitWithAck("document:sync", { documentId: d.documentId, lastSeq: 0 })));
      const limited = acks.filter((x) => !x.ok && x.error.status === 429).length;
      expect(limited).toBeGreaterThanOrEqual(30);
      expect(acks.filter((x) => x.ok).length).toBeGreaterThanOrEqual(20);
      // The bucket refills over time (10 a second here): the same socket is served again soon.
      await eventually(async () => {
        const after = await s.timeout(5000).emitWithAck("document:sync", { documentId: d.documentId, lastSeq: 0 });
        expect(after.ok).toBe(true);
      }, 3000, 50);
      expect(s.connected).toBe(true);
      expect((await fetch(`${flood.url}/healthz`)).status).toBe(200);
    } finally {
      await flood.stop();
    }
  });
});
