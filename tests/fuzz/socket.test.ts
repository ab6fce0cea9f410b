/**
 * Fuzzes every Socket.IO event the server listens to (document:join/leave/sync, presence:*,
 * every mutation in MUTATION_NAMES): near-valid payloads (one field of a valid payload changed),
 * random payloads and Buffers, sent with an ack, without one, with a non-function last argument,
 * with extra arguments, or with nothing but the ack; unknown event names; raw protocol packets;
 * odd handshakes. Every ack must come within the deadline and never be
 * `{ ok: false, error: { status >= 500 } }`; the server must log no unhandled error; the socket
 * must stay connected (or be refused cleanly, then a new one works); nothing malformed may be
 * broadcast to the other members of the document.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { z } from "zod";
import { MAX_SOCKET_MESSAGE_BYTES, MUTATION_NAMES } from "../../common/realtime.ts";
import {
  ACK_DEADLINE_MS,
  SOCKET_VALUES,
  applyMutations,
  assertStillServes,
  buildFuzzWorld,
  discoverSocketEvents,
  freshAnnotation,
  freshReply,
  freshTag,
  fuzzParams,
  mutation,
  nastyString,
  nastyValue,
  preview,
  prototypeSnapshot,
  resolveIds,
  richDoc,
  anchorIn,
  hex,
  type FixtureIds,
  sweepSteps,
  type FuzzServer,
  type Mutation,
  type FuzzWorld,
  startFuzzServer,
} from "../helpers/fuzz-kit.ts";
import { handshake, type ClientSocket, type ConnectOptions, type HttpClient } from "../helpers/kit.ts";

let server: FuzzServer;
let world: FuzzWorld;
const prototypeBefore = prototypeSnapshot();

/** The socket API without the typed event map: the fuzzer sends what the types forbid. */
interface LooseSocket {
  id?: string;
  connected: boolean;
  emit(event: string, ...args: unknown[]): unknown;
  timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> };
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  disconnect(): unknown;
  io: { engine: { write(packet: string): void } };
}
const loose = (s: ClientSocket) => s as unknown as LooseSocket;

type SocketActor = "owner" | "vic" | "stranger";
const sockets = {} as Record<SocketActor, LooseSocket>;
/** Ana sits in the document and records everything the server broadcasts to her. */
let observer: LooseSocket;
const broadcasts: { event: string; payload: unknown }[] = [];
const disconnects: string[] = [];
const opened: LooseSocket[] = [];

async function open(client: HttpClient, opts?: ConnectOptions): Promise<LooseSocket> {
  const s = client.connect(opts);
  opened.push(loose(s));
  const outcome = await handshake(s, ACK_DEADLINE_MS);
  if (!outcome.connected) throw new Error(`${client.displayName} could not connect: ${outcome.reason}`);
  loose(s).on("disconnect", (reason) => disconnects.push(`${client.displayName}: ${String(reason)}`));
  return loose(s);
}

async function ack(socket: LooseSocket, event: string, ...args: unknown[]): Promise<unknown> {
  try {
    return await socket.timeout(ACK_DEADLINE_MS).emitWithAck(event, ...args);
  } catch (e) {
    throw new Error(`HUNG: no ack within ${ACK_DEADLINE_MS} ms for ${event} ${preview(args)} (${(e as Error).message}; connected=${socket.connected})`);
  }
}

async function join(socket: LooseSocket, documentId = world.documentId) {
  const res = (await ack(socket, "document:join", { documentId, lastSeq: 1_000_000 })) as { ok: boolean };
  if (!res.ok) throw new Error(`join failed: ${JSON.stringify(res)}`);
}

/** An ack is `{ ok: true, ... }` or `{ ok: false, error: { status 4xx, code, message } }`. */
function checkAck(event: string, args: unknown[], res: unknown): void {
  const logged = server.drainErrors();
  const r = res as { ok?: unknown; error?: { status?: unknown; code?: unknown; message?: unknown } } | null;
  const bad =
    logged.length > 0 ||
    typeof r !== "object" ||
    r === null ||
    typeof r.ok !== "boolean" ||
    (r.ok === false && (typeof r.error?.status !== "number" || r.error.status >= 500 || r.error.status < 400 || typeof r.error.code !== "string" || typeof r.error.message !== "string"));
  if (bad) throw new Error(`server fault on ${event}: ack ${preview(res)}\n  args: ${preview(args)}\n  logged: ${logged.join("\n") || "(nothing)"}`);
}

/** The socket still answers: a harmless event with an ack gets `{ ok: true }`. */
async function assertAlive(socket: LooseSocket, what: string): Promise<void> {
  if (!socket.connected) throw new Error(`the server dropped the socket after ${what}; disconnects: ${disconnects.join(", ")}`);
  const res = (await ack(socket, "document:leave", { documentId: "liveness-probe" })) as { ok?: boolean };
  if (res?.ok !== true) throw new Error(`liveness probe after ${what} answered ${preview(res)}`);
  const logged = server.drainErrors();
  if (logged.length) throw new Error(`server logged errors after ${what}:\n${logged.join("\n")}`);
}

type Kind = "annotation" | "reply" | "tag" | "document";

interface EventSpec {
  name: string;
  prepare?: () => Promise<FixtureIds>;
  valid: (ids: FixtureIds) => unknown[];
  destroys?: Kind[];
  /** Re-join the document before each run (presence needs it; a fuzzed leave undoes it). */
  needsJoin?: boolean;
  runs?: number;
}

const anchor = () => anchorIn(world, 1);

const EVENTS: EventSpec[] = [
  {
    name: "document:join",
    valid: () => [{ documentId: world.documentId, lastSeq: 0 }, { documentId: world.documentId }, { documentId: world.documentId, lastSeq: 2 }],
    runs: 60,
  },
  { name: "document:leave", valid: () => [{ documentId: world.documentId }], runs: 40 },
  { name: "document:sync", valid: () => [{ documentId: world.documentId, lastSeq: 0 }, { documentId: world.documentId, lastSeq: 3 }], runs: 60 },
  {
    name: "presence:selection",
    valid: () => {
      const a = anchor();
      return [{ documentId: world.documentId, selection: { start: a.start, end: a.end } }, { documentId: world.documentId, selection: null }];
    },
    needsJoin: true,
    runs: 80,
  },
  { name: "presence:typing", valid: () => [{ documentId: world.documentId, annotationId: world.annotationId, typing: true }], needsJoin: true, runs: 60 },
  {
    name: "annotation:create",
    prepare: async () => ({ cmid: `cm-${hex()}-${hex()}` }),
    valid: (ids) => [
      { documentId: world.documentId, kind: "claim", body: { format: "rich", doc: richDoc({ id: world.members.eve.id, label: "eve" }) }, anchor: anchor(), tagIds: [world.tagId], clientMutationId: ids.cmid },
      { documentId: world.documentId, kind: "comment", body: "plain", anchor: anchor() },
    ],
    runs: 100,
  },
  {
    name: "annotation:update",
    prepare: async () => ({ annotationId: await freshAnnotation(world) }),
    valid: (ids) => [{ annotationId: ids.annotationId, version: 1, body: { format: "text", text: "edited" }, kind: "highlight", tagIds: [world.tag2Id] }],
    destroys: ["annotation"],
    runs: 80,
  },
  {
    name: "annotation:delete",
    prepare: async () => ({ annotationId: await freshAnnotation(world) }),
    valid: (ids) => [{ annotationId: ids.annotationId, version: 1, clientMutationId: `cm-${hex()}-${hex()}` }, { annotationId: ids.annotationId }],
    destroys: ["annotation", "reply"],
    runs: 60,
  },
  {
    name: "reply:create",
    valid: () => [
      { annotationId: world.annotationId, parentId: world.replyId, body: { format: "rich", doc: richDoc({ id: world.members.ana.id, label: "ana" }) }, stance: "questions" },
      { annotationId: world.annotationId, body: "short" },
    ],
    runs: 80,
  },
  {
    name: "reply:update",
    prepare: async () => ({ replyId: await freshReply(world, world.annotationId) }),
    valid: (ids) => [{ replyId: ids.replyId, version: 1, body: "changed", stance: "supports" }],
    destroys: ["reply"],
    runs: 60,
  },
  {
    name: "reply:delete",
    prepare: async () => ({ replyId: await freshReply(world, world.annotationId) }),
    valid: (ids) => [{ replyId: ids.replyId, version: 1 }],
    destroys: ["reply"],
    runs: 50,
  },
  {
    name: "tag:create",
    prepare: async () => ({ name: `Sock ${hex()}` }),
    valid: (ids) => [{ workspaceId: world.workspaceId, name: ids.name, parentId: world.tagId, color: "#abcdef", description: "x" }],
    runs: 60,
  },
  {
    name: "tag:update",
    prepare: async () => ({ tagId: await freshTag(world), name: `Upd ${hex()}` }),
    valid: (ids) => [{ tagId: ids.tagId, version: 1, name: ids.name, parentId: null, color: "#000000", description: "", archived: true }],
    destroys: ["tag"],
    runs: 60,
  },
  {
    name: "tag:merge",
    prepare: async () => ({ tagId: await freshTag(world), intoTagId: await freshTag(world) }),
    valid: (ids) => [{ tagId: ids.tagId, intoTagId: ids.intoTagId }],
    destroys: ["tag"],
    runs: 50,
  },
];

function poolFor(spec: EventSpec, ids: FixtureIds): string[] {
  const fixture: [Kind | "other", string][] = [
    ["document", world.documentId],
    ["other", world.workspaceId],
    ["other", world.paragraphs[0]!.id],
    ["annotation", world.annotationId],
    ["reply", world.replyId],
    ["tag", world.tagId],
    ["tag", world.tag2Id],
    ["other", world.owner.id],
  ];
  const banned = new Set<string>(spec.destroys ?? []);
  return [...fixture.filter(([k]) => !banned.has(k)).map(([, id]) => id), ...Object.values(ids)];
}

/** How the arguments travel. */
type Shape = "ack" | "noAck" | "nonFunctionLast" | "manyArgs" | "onlyAck" | "bufferPayload";

interface SocketCase {
  actor: SocketActor;
  shape: Shape;
  target: "mutate" | "random" | "valid";
  variant: number;
  mutation: Mutation;
  random: unknown;
  extras: unknown[];
  nonFunction: unknown;
  buffer: Uint8Array;
}

const socketCase: fc.Arbitrary<SocketCase> = fc.record({
  actor: fc.constantFrom<SocketActor>("owner", "owner", "owner", "owner", "owner", "owner", "vic", "stranger"),
  shape: fc.constantFrom<Shape>("ack", "ack", "ack", "ack", "ack", "noAck", "nonFunctionLast", "manyArgs", "onlyAck", "bufferPayload"),
  target: fc.constantFrom<SocketCase["target"]>("mutate", "mutate", "mutate", "mutate", "random", "valid"),
  variant: fc.nat(),
  mutation: mutation(SOCKET_VALUES),
  random: nastyValue(SOCKET_VALUES),
  extras: fc.array(fc.oneof(nastyString(100), fc.integer(), fc.constant(null), fc.uint8Array({ maxLength: 16 }).map((b) => Buffer.from(b))), { minLength: 1, maxLength: 3 }),
  nonFunction: fc.constantFrom(42, "ack", null, true, {}, []),
  buffer: fc.uint8Array({ maxLength: 2_048 }),
});

/** Sends one case; resolves with the ack, or with "no-ack" for shapes that carry none. */
async function emitCase(socket: LooseSocket, event: string, payload: unknown, c: SocketCase): Promise<{ args: unknown[]; res: unknown }> {
  switch (c.shape) {
    case "ack":
      return { args: [payload], res: await ack(socket, event, payload) };
    case "manyArgs":
      return { args: [payload, ...c.extras], res: await ack(socket, event, payload, ...c.extras) };
    case "onlyAck":
      return { args: [], res: await ack(socket, event) };
    case "bufferPayload":
      return { args: [Buffer.from(c.buffer)], res: await ack(socket, event, Buffer.from(c.buffer)) };
    case "noAck":
      socket.emit(event, payload);
      return { args: [payload], res: "no-ack" };
    case "nonFunctionLast":
      socket.emit(event, payload, c.nonFunction);
      return { args: [payload, c.nonFunction], res: "no-ack" };
  }
}

async function runSocketCase(spec: EventSpec, c: SocketCase): Promise<void> {
  const ids = spec.prepare ? await spec.prepare() : {};
  const socket = sockets[c.actor];
  if (spec.needsJoin && c.actor !== "stranger") await join(socket);
  const valids = spec.valid(ids);
  const valid = valids[c.variant % valids.length];
  const raw = c.target === "mutate" ? applyMutations(valid, [c.mutation]) : c.target === "random" ? c.random : valid;
  const payload = resolveIds(raw, poolFor(spec, ids));
  const { args, res } = await emitCase(socket, spec.name, payload, c);
  if (res !== "no-ack") checkAck(spec.name, args, res);
  await assertAlive(socket, `${spec.name} ${c.shape} ${preview(args)}`);
}

/** Each field of each valid payload replaced in turn by each SWEEP value, sent with an ack. */
async function sweepEvent(spec: EventSpec): Promise<void> {
  let ids = spec.prepare ? await spec.prepare() : {};
  const first = spec.valid(ids);
  // The first valid payload is the richest; the random pass covers the others.
  for (const variant of [0]) {
    for (const step of sweepSteps(first[variant])) {
      if (spec.needsJoin) await join(sockets.owner);
      const payload = step.apply(spec.valid(ids)[variant]);
      const res = await ack(sockets.owner, spec.name, payload);
      try {
        checkAck(spec.name, [payload], res);
      } catch (e) {
        throw new Error(`sweep of variant ${variant}: ${step.where} := ${step.label}\n${(e as Error).message}`);
      }
      if ((res as { ok?: boolean }).ok && spec.prepare) ids = await spec.prepare();
    }
  }
  await assertAlive(sockets.owner, `sweeping ${spec.name}`);
}

// What other members may be sent: only well-formed presence and events.
const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const Point = z.object({ paragraphId: Id, offset: z.number().int().min(0).max(1_000_000) });
const BROADCAST_SHAPES: Record<string, z.ZodType> = {
  "presence:selection": z.object({ documentId: Id, socketId: z.string(), userId: Id, selection: z.object({ start: Point, end: Point }).nullable() }),
  "presence:typing": z.object({ documentId: Id, socketId: z.string(), userId: Id, displayName: z.string(), annotationId: Id, typing: z.boolean() }),
  "presence:joined": z.object({ documentId: Id, member: z.object({ socketId: z.string(), userId: Id }) }),
  "presence:left": z.object({ documentId: Id, socketId: z.string(), userId: Id }),
  "document:event": z.object({ documentId: Id, seq: z.number().int().min(1), type: z.string() }),
  "workspace:event": z.object({ workspaceId: Id, type: z.string() }),
};

function assertBroadcastsWellFormed(): void {
  const bad = broadcasts.filter((b) => !BROADCAST_SHAPES[b.event]?.safeParse(b.payload).success);
  broadcasts.length = 0;
  if (bad.length) throw new Error(`malformed broadcasts reached another member: ${bad.map((b) => `${b.event} ${preview(b.payload)}`).join("\n")}`);
}

/** Event names one character or one case away from real ones, reserved words and the server's own outgoing events. */
const NEAR_MISS_EVENT_NAMES = [
  "document:join ",
  "Document:Join",
  "annotation:create\u0000",
  "annotation",
  "presence:",
  ":",
  "",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "error",
  "connection",
  "access:revoked",
  "document:event",
  "workspace:event",
  "presence:joined",
  "x".repeat(10_000),
  "\ud800",
];

/** Engine.IO/Socket.IO packets written raw: reserved events, bad ack ids, binary placeholders with no attachment, namespaces, deep nesting. */
const RAW_PACKETS = [
  '2["disconnecting"]',
  '2["disconnect"]',
  '2["connect"]',
  '2["newListener","x"]',
  '2["error","boom"]',
  '2["document:join"]',
  '2["document:join",{"documentId":"x"},1,2,3]',
  "2[]",
  "2[1]",
  '2{"a":1}',
  "2[null]",
  '2["__proto__",{"__proto__":{"polluted":1}}]',
  '21["document:join",{"__proto__":{"documentId":"x"}}]',
  '2999999999999999999999["document:sync",{}]',
  '51-["annotation:create",{"_placeholder":true,"num":0}]',
  '51-["annotation:create",{"_placeholder":true,"num":7}]',
  '53-["document:join",{"_placeholder":true,"num":0}]',
  '2/nsp,["document:join"]',
  "0",
  "1",
  "3",
  "4",
  "9",
  "",
  "x",
  '2["document:join",' + "[".repeat(5_000) + "]".repeat(5_000) + "]",
];

beforeAll(async () => {
  server = await startFuzzServer();
  world = await buildFuzzWorld(server.url);
  sockets.owner = await open(world.owner);
  sockets.vic = await open(world.members.vic);
  sockets.stranger = await open(world.stranger);
  await join(sockets.owner);
  await join(sockets.vic);
  observer = await open(world.members.ana);
  await join(observer);
  for (const event of Object.keys(BROADCAST_SHAPES)) observer.on(event, (payload) => broadcasts.push({ event, payload }));
}, 60_000);

afterEach(async () => {
  if (!server) return;
  assertBroadcastsWellFormed();
  for (const actor of ["owner", "vic", "stranger"] as const) await assertAlive(sockets[actor], "the test");
  await assertStillServes(server, world);
});

afterAll(async () => {
  for (const s of opened) s.disconnect();
  await server?.stop();
});

describe("socket fuzz: every event acks < 500 in time, and the socket and server survive", () => {
  it("the event table's events all exist on the server", () => {
    const listened = discoverSocketEvents(MUTATION_NAMES);
    expect(listened.length).toBeGreaterThanOrEqual(14);
    // A stale entry would fuzz an event nobody listens to and prove nothing.
    expect(EVENTS.map((s) => s.name).filter((e) => !listened.includes(e))).toEqual([]);
  });

  for (const spec of EVENTS) {
    it(spec.name, async () => {
      await sweepEvent(spec);
      await fc.assert(
        fc.asyncProperty(socketCase, (c) => runSocketCase(spec, c)),
        fuzzParams(spec.runs ?? 50),
      );
    }, 90_000);
  }

  it("events the server listens to beyond the table get near-valid and random payloads too", async () => {
    const extra = discoverSocketEvents(MUTATION_NAMES).filter((e) => !EVENTS.some((s) => s.name === e));
    if (extra.length === 0) return;
    // A world of its own: these events may change or destroy anything in it.
    const spare = await buildFuzzWorld(server.url);
    const owner = await open(spare.owner);
    await join(owner, spare.documentId);
    const template = {
      documentId: spare.documentId,
      workspaceId: spare.workspaceId,
      annotationId: spare.annotationId,
      annotationIds: [spare.annotationId],
      replyId: spare.replyId,
      tagId: spare.tagId,
      version: 1,
      status: "in_review",
      rationale: "Because the source says so.",
      sources: ["https://example.org/source"],
      assigneeId: spare.members.eve.id,
      action: "setStatus",
      clientMutationId: `cm-${hex()}-${hex()}`,
    };
    const pool = [spare.documentId, spare.workspaceId, spare.annotationId, spare.replyId, spare.tagId, spare.members.eve.id];
    for (const name of extra) {
      const spec: EventSpec = { name, valid: () => [template] };
      const sent = { ...sockets };
      sockets.owner = owner;
      try {
        await fc.assert(
          fc.asyncProperty(socketCase, async (c) => {
            const raw = c.target === "mutate" ? applyMutations(template, [c.mutation]) : c.target === "random" ? c.random : template;
            const { args, res } = await emitCase(sockets[c.actor], name, resolveIds(raw, pool), c);
            if (res !== "no-ack") checkAck(name, args, res);
            await assertAlive(sockets[c.actor], `${name} ${c.shape} ${preview(args)}`);
          }),
          fuzzParams(spec.runs ?? 40),
        );
      } finally {
        Object.assign(sockets, sent);
      }
    }
  }, 90_000);

  it("unknown and near-miss event names are ignored without harm", async () => {
    const names = fc.oneof(
      fc.constantFrom(...NEAR_MISS_EVENT_NAMES),
      fc.string({ maxLength: 30 }),
      fc.string({ unit: "binary", maxLength: 30 }),
    );
    const reserved = new Set(["connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener"]);
    await fc.assert(
      fc.asyncProperty(names, nastyValue(SOCKET_VALUES), fc.boolean(), async (name, payload, withAck) => {
        if (reserved.has(name)) return;
        const args = withAck ? [payload, () => undefined] : [payload];
        sockets.owner.emit(name, ...args);
        await assertAlive(sockets.owner, `unknown event ${JSON.stringify(name.slice(0, 40))}`);
      }),
      fuzzParams(80),
    );
  }, 60_000);

  it("raw and malformed protocol packets close the connection at worst, and a new one works", async () => {
    const packet = fc.oneof(
      fc.constantFrom(...RAW_PACKETS),
      // The event's name made from the value as text (String() throws on an object with a "toString" key).
      fc.jsonValue({ maxDepth: 3 }).map((v) => `2${JSON.stringify([typeof v === "string" ? v : JSON.stringify(v), v])}`),
      fc.string({ maxLength: 50 }).map((t) => `2${t}`),
      fc.string({ unit: "binary", maxLength: 50 }),
    );
    await fc.assert(
      fc.asyncProperty(packet, async (p) => {
        const s = await open(world.members.eve);
        s.io.engine.write(p);
        // Closing the connection on a malformed packet is a clean refusal; answering is fine too.
        // The probe below travels after the packet on the same connection, so whichever comes
        // first, the close or the probe's answer, is the server's response to the packet.
        const closed = new Promise<"closed">((resolve) => {
          if (!s.connected) resolve("closed");
          s.on("disconnect", () => resolve("closed"));
        });
        const alive = await Promise.race([
          closed,
          ack(s, "document:leave", { documentId: "liveness-probe" }).catch(() => (s.connected ? "silent" : "closed")),
        ]);
        if (alive !== "closed" && alive !== "silent" && (alive as { ok?: boolean }).ok !== true) throw new Error(`after raw packet ${JSON.stringify(p.slice(0, 80))} the probe answered ${preview(alive)}`);
        if (alive === "silent") throw new Error(`after raw packet ${JSON.stringify(p.slice(0, 80))} the socket is open but silent`);
        s.disconnect();
        const fresh = await open(world.members.eve);
        await join(fresh);
        fresh.disconnect();
        const logged = server.drainErrors();
        if (logged.length) throw new Error(`raw packet ${JSON.stringify(p.slice(0, 80))} logged:\n${logged.join("\n")}`);
      }),
      fuzzParams(40),
    );
  }, 60_000);

  it("odd handshakes connect or are refused, never hang", async () => {
    const header = fc.constantFrom(
      {},
      { origin: "http://evil.example" },
      { origin: "null" },
      { cookie: "scholia.sid=s%3Agarbage.sig" },
      { cookie: "scholia.sid=%" },
      { cookie: "scholia.sid=" },
      { cookie: "" },
      { cookie: `scholia.sid=${"A".repeat(4_000)}` },
      { "x-forwarded-for": "::1, 10.0.0.1" },
    );
    const query = fc.dictionary(fc.constantFrom("EIO", "transport", "sid", "t", "b64", "__proto__", "x"), fc.constantFrom("1", "3", "5", "", "polling", "websocket", "abc", "%"), { maxKeys: 3 });
    const auth = fc.oneof(fc.constant(undefined), fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<SocketActor | "anon">("owner", "stranger", "anon"), header, query, auth, async (who, headers, q, a) => {
        const client = who === "anon" ? world.anon : who === "owner" ? world.owner : world.stranger;
        const s = loose(client.connect({ headers: headers as Record<string, string>, query: q, auth: a }));
        opened.push(s);
        const outcome = (await handshake(s as unknown as ClientSocket, ACK_DEADLINE_MS)).connected ? "connected" : "refused";
        // Only the client's own session cookie may get in: no session, a forged one, no entry.
        const authentic = who !== "anon" && !("cookie" in headers) && (headers as Record<string, string>).origin === undefined;
        if (outcome === "connected" && !authentic) throw new Error(`handshake without a valid session was let in: ${preview({ who, headers, q, a })}`);
        if (outcome === "connected") await assertAlive(s, `handshake ${preview({ who, headers, q, a })}`);
        s.disconnect();
        const logged = server.drainErrors();
        if (logged.length) throw new Error(`handshake ${preview({ who, headers, q, a })} logged:\n${logged.join("\n")}`);
      }),
      fuzzParams(40),
    );
  }, 60_000);

  it("a message over the size limit is answered 413; one over the transport limit closes only that socket", async () => {
    const s = await open(world.members.eve);
    const res = (await ack(s, "annotation:create", { documentId: world.documentId, body: "x".repeat(MAX_SOCKET_MESSAGE_BYTES + 10) })) as { ok: boolean; error?: { status: number } };
    expect(res.ok).toBe(false);
    expect(res.error?.status).toBe(413);
    const closed = new Promise<string>((resolve) => s.on("disconnect", (reason) => resolve(String(reason))));
    s.emit("annotation:create", { documentId: world.documentId, body: "x".repeat(5 * MAX_SOCKET_MESSAGE_BYTES) });
    expect(await closed).toBe("transport close");
    const fresh = await open(world.members.eve);
    await join(fresh);
    await assertAlive(sockets.owner, "an oversize message on another socket");
    expect(server.drainErrors()).toEqual([]);
  }, 30_000);

  it("leaves Object.prototype untouched", () => {
    expect(prototypeSnapshot()).toBe(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
