/**
 * Several Scholia processes on loopback sharing one PostgreSQL database and one Redis, as in
 * docker-compose.yml: cross-node events and presence, a node killed mid-write, Redis
 * restarted mid-session, simultaneous first starts, and a clean SIGTERM.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db.ts";
import { startNode, startRedis, type NodeProcess, type RedisProcess } from "../helpers/processes.ts";
import { buildWorld, connected, eventually, httpTransport, TEST_PASSWORD, type ClientSocket } from "../helpers/kit.ts";
import { mutate, openJoined } from "../helpers/realtime-client.ts";
import { ResilientClient } from "../helpers/resilient-client.ts";
import { listMigrations } from "../../server/db/migrator.ts";
import { openDb, type Db } from "../../server/db/client.ts";
import type { AnnotationDto } from "../../common/annotations.ts";

let redis: RedisProcess;
const nodes: NodeProcess[] = [];
const databases: TestDatabase[] = [];
const sockets: ClientSocket[] = [];
const clients: ResilientClient[] = [];
const dbs: Db[] = [];

async function cluster(count: number) {
  const database = await createTestDatabase();
  databases.push(database);
  if (database.provider !== "postgresql") throw new Error("multi-node tests need TEST_DATABASE_URL (PostgreSQL)");
  const started: NodeProcess[] = [];
  for (let i = 0; i < count; i++) started.push(await startNode({ DATABASE_URL: database.url, REDIS_URL: redis.url }));
  nodes.push(...started);
  const db = await openDb(database.url);
  dbs.push(db);
  return { database, nodes: started, db };
}

const joined = (user: { connect(): ClientSocket }, documentId: string) => openJoined(user, documentId, sockets);
const analysts = (url: string) => buildWorld(httpTransport(url), { members: { Ana: "analyst", Ben: "analyst" } });

beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of sockets.splice(0)) s.disconnect();
  for (const n of nodes.splice(0)) n.kill("SIGKILL");
  for (const d of dbs.splice(0)) await d.$disconnect();
  await Promise.all(databases.splice(0).map((d) => d.drop()));
});
afterAll(async () => {
  await redis?.stop();
});

describe("two nodes behind one load balancer", () => {
  it("an analyst on node 1 and one on node 2 see each other's changes and presence", async () => {
    const { nodes: [n1, n2] } = await cluster(2);
    const doc = await analysts(n1!.url);
    const ana = doc.users.Ana;
    const ben = doc.users.Ben.at(n2!.url);
    const a = await joined(ana, doc.documentId);
    const b = await joined(ben, doc.documentId);
    await eventually(() => expect(b.feed.presence.map((p) => p.userId).sort()).toEqual([ana.id, ben.id].sort()));
    // Ana (node 1) learns of Ben (node 2) joining
    const joinedSeen: string[] = [];
    a.socket.on("presence:joined", (p) => joinedSeen.push(p.member.userId));
    const c = await joined(doc.owner, doc.documentId);
    await eventually(() => expect(joinedSeen).toContain(doc.owner.id));
    c.socket.disconnect();

    const created = await mutate(a.socket, "annotation:create", { documentId: doc.documentId, kind: "claim", body: "cross-node", anchor: doc.anchor("moved it elsewhere") });
    expect(created.ok).toBe(true);
    await eventually(() => expect(b.feed.ofType("annotation.created").map((e) => (e.payload as { annotation: AnnotationDto }).annotation.body.text)).toEqual(["cross-node"]));
    const reply = await mutate(b.socket, "reply:create", { annotationId: (created as { result: AnnotationDto }).result.id, body: "seen on node 2", stance: "supports" });
    expect(reply.ok).toBe(true);
    await eventually(() => expect(a.feed.ofType("reply.created")).toHaveLength(1));
    expect(a.feed.applied.map((e) => e.seq)).toEqual(b.feed.applied.map((e) => e.seq));
  });
});

describe("workspace events by role across nodes", () => {
  it("a viewer's socket on node 2, promoted by an owner on node 1, receives what editors read at once; demoted, no more (only the seq)", async () => {
    const { nodes: [n1, n2] } = await cluster(2);
    const world = await buildWorld(httpTransport(n1!.url), { members: { Vic: "viewer" }, document: null });
    const ws = `/api/workspaces/${world.workspaceId}`;
    const socket = world.users.Vic.at(n2!.url).connect();
    sockets.push(socket);
    const got: string[] = [];
    socket.on("workspace:event", (e) => got.push(e.type === "tag.created" ? `tag ${e.payload.tag.name}` : e.type));
    // In place of an event the socket's member does not read: its seq alone.
    socket.on("workspace:position", (p: { workspaceId: string; seq: number }) => got.push(`passed ${p.seq}`));
    await connected(socket);
    const ack = await socket.timeout(10_000).emitWithAck("workspace:join", { workspaceId: world.workspaceId, lastSeq: 2 ** 31 - 1 });
    expect(ack.ok).toBe(true);
    /** An invite (editors read it), then a tag everyone reads: once that is in, the invite would have been too. */
    const inviteThenTag = async (name: string) => {
      await world.owner.ok("POST", `${ws}/invites`, { role: "viewer" }, [201]);
      await world.owner.ok("POST", `${ws}/tags`, { name }, [201]);
      await eventually(() => expect(got).toContain(`tag ${name}`));
    };

    await inviteThenTag("one");
    await world.owner.ok("PATCH", `${ws}/members/${world.users.Vic.id}`, { role: "editor" });
    await inviteThenTag("two");
    await world.owner.ok("PATCH", `${ws}/members/${world.users.Vic.id}`, { role: "viewer" });
    await inviteThenTag("three");
    const invites = (await world.owner.ok<{ entries: Array<{ id: string; type: string }> }>("GET", `${ws}/audit?limit=100`)).entries
      .filter((e) => e.type === "invite.created")
      .map((e) => Number(e.id.split(".").at(-1)))
      .sort((a, b) => a - b)
      .slice(-3); // the world's own invite (Vic's) came first
    expect(got).toEqual(["passed " + invites[0], "tag one", "member.role_changed", "invite.created", "tag two", "member.role_changed", "passed " + invites[2], "tag three"]);
  });
});

describe("losing a node", () => {
  it("a frozen peer node does not fail joins on the others: presence answers from the node itself", async () => {
    const { nodes: [n1, n2] } = await cluster(2);
    const doc = await analysts(n1!.url);
    const ben = doc.users.Ben.at(n2!.url);
    await joined(ben, doc.documentId);
    // Node 2 stops answering (as under a long GC pause or a hung host) while it stays connected to Redis.
    n2!.kill("SIGSTOP");
    try {
      const a = await joined(doc.users.Ana, doc.documentId);
      expect(a.feed.presence.map((p) => p.userId)).not.toContain(ben.id);
      const created = await mutate(a.socket, "annotation:create", { documentId: doc.documentId, kind: "comment", body: "still writing", anchor: doc.anchor("moved it elsewhere") });
      expect(created.ok).toBe(true);
    } finally {
      n2!.kill("SIGCONT");
    }
  }, 60_000);

  it("SIGKILL of node 1 mid-write: the client moves to node 2, every acknowledged write is there once", async () => {
    const { nodes: [n1, n2], db } = await cluster(2);
    const doc = await analysts(n1!.url);
    const anchor = doc.anchor("confidence-building measures");
    const writer = new ResilientClient(doc.users.Ana, [n1!.url, n2!.url], doc.documentId);
    const watcher = new ResilientClient(doc.users.Ben, [n2!.url, n1!.url], doc.documentId);
    clients.push(writer, watcher);
    await writer.start();
    await watcher.start();
    expect(writer.connections).toEqual([n1!.url]);

    // Ten writes acknowledged by node 1; sixteen more sent and the node killed before their
    // acks can come back (they are in flight, written or not); the rest sent after the kill.
    const TOTAL = 60;
    const done: Array<Promise<void>> = [];
    for (let i = 0; i < TOTAL; i++) {
      if (i === 10) await Promise.all(done);
      done.push(writer.create({ documentId: doc.documentId, kind: "comment", body: `w${i}`, anchor }));
      if (i === 25) n1!.kill("SIGKILL");
    }
    await Promise.race([Promise.all(done), new Promise((_, rej) => setTimeout(() => rej(new Error(`unacked: ${writer.outbox.size}`)), 30_000))]);
    expect((await n1!.exited).signal).toBe("SIGKILL");
    expect(writer.connections.at(-1)).toBe(n2!.url);

    const rows = await db.annotation.findMany({ where: { documentId: doc.documentId, deletedAt: null } });
    const bodies = rows.map((r) => (JSON.parse(r.body) as { text: string }).text).sort();
    expect(bodies).toEqual(Array.from({ length: TOTAL }, (_, i) => `w${i}`).sort());
    for (const a of writer.acked.values()) expect(rows.map((r) => r.id)).toContain(a.id);

    const ids = (c: ResilientClient) => c.feed!.ofType("annotation.created").map((e) => (e.payload as { annotation: AnnotationDto }).annotation.id);
    await eventually(() => {
      expect(new Set(ids(writer)).size).toBe(TOTAL);
      expect(new Set(ids(watcher)).size).toBe(TOTAL);
    }, 15_000);
    expect(ids(writer)).toHaveLength(TOTAL);
    expect(ids(watcher)).toHaveLength(TOTAL);
    expect([...ids(watcher)].sort()).toEqual(rows.map((r) => r.id).sort());
    const seqs = watcher.feed!.applied.map((e) => e.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
  });

  it("Redis restarted mid-session: events published during the gap reach every client once", async () => {
    const { nodes: [n1, n2], db } = await cluster(2);
    const doc = await analysts(n1!.url);
    const anchor = doc.anchor("notification regimes");
    const writer = new ResilientClient(doc.users.Ana, [n1!.url], doc.documentId);
    const watcher = new ResilientClient(doc.users.Ben, [n2!.url], doc.documentId);
    clients.push(writer, watcher);
    await writer.start();
    await watcher.start();

    await writer.create({ documentId: doc.documentId, kind: "comment", body: "before", anchor });
    await redis.stop();
    for (let i = 0; i < 10; i++) await writer.create({ documentId: doc.documentId, kind: "comment", body: `gap${i}`, anchor });
    await redis.start();
    await writer.create({ documentId: doc.documentId, kind: "comment", body: "after", anchor });

    const expected = (await db.annotation.findMany({ where: { documentId: doc.documentId } })).map((r) => r.id).sort();
    expect(expected).toHaveLength(12);
    const ids = (c: ResilientClient) => c.feed!.ofType("annotation.created").map((e) => (e.payload as { annotation: AnnotationDto }).annotation.id);
    await eventually(() => expect([...ids(watcher)].sort()).toEqual(expected), 20_000);
    expect([...ids(writer)].sort()).toEqual(expected);
    const seqs = watcher.feed!.applied.map((e) => e.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));
  });
});

describe("starting and stopping", () => {
  it("two nodes started at the same moment on an empty database apply migrations once and both serve", async () => {
    const database = await createTestDatabase();
    databases.push(database);
    const [a, b] = await Promise.all([startNode({ DATABASE_URL: database.url, REDIS_URL: redis.url }), startNode({ DATABASE_URL: database.url, REDIS_URL: redis.url })]);
    nodes.push(a!, b!);
    const db = await openDb(database.url);
    dbs.push(db);
    const applied = await db.$queryRawUnsafe<Array<{ name: string }>>(`SELECT name FROM "_scholia_migrations" ORDER BY name`);
    expect(applied.map((r) => r.name)).toEqual(listMigrations("postgresql").map((m) => m.name));
    for (const n of [a!, b!]) {
      expect((await fetch(`${n.url}/readyz`)).status).toBe(200);
      const reg = await fetch(`${n.url}/api/auth/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: `n${n.port}@example.org`, password: TEST_PASSWORD, displayName: "N" }),
      });
      expect(reg.status).toBe(201);
    }
  });

  it("SIGTERM: the in-flight request completes and the process exits 0 within 10 s", async () => {
    const { nodes: [n1], db } = await cluster(1);
    const doc = await buildWorld(httpTransport(n1!.url), { document: null });
    const content = "Long import\n\n" + Array.from({ length: 8000 }, (_, i) => `Paragraph ${i} of a long article about maritime law.`).join("\n\n");
    const inFlight = doc.owner.request("POST", `/api/workspaces/${doc.workspaceId}/documents`, { format: "txt", content });
    // The signal goes out once the node is writing the import's paragraphs: its transaction is open.
    await eventually(async () => {
      const [writing] = await db.$queryRawUnsafe<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state IN ('active', 'idle in transaction') AND query LIKE 'INSERT INTO "Paragraph"%'`,
      );
      expect(writing!.n, "the node never started writing the import").toBeGreaterThan(0);
    }, 20_000, 10);
    const sentAt = Date.now();
    n1!.kill("SIGTERM");
    const res = await inFlight;
    expect(res.status).toBe(201);
    expect((res.body as { summary: { paragraphs: number } }).summary.paragraphs).toBe(8001);
    const exit = await n1!.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - sentAt).toBeLessThan(10_000);
    await expect(fetch(`${n1!.url}/healthz`)).rejects.toThrow();
  });
});
