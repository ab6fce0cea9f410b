/**
 * The workspace log is the audit trail: a member's sockets receive, live and in replays, only the
 * workspace events their role reads (common/workspace-event-access.ts), and the member an event is
 * about. A role change moves the member's open sockets at once; the activity pages filter alike.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWorld, connected, eventually, httpTransport, pause, startTestServer, type ClientSocket, type HttpClient, type TestServer, type World } from "../helpers/kit.ts";
import { socketsClosedAfterEach } from "../helpers/test-sockets.ts";
import type { WorkspaceEventDto } from "../../common/events.ts";
import type { AckResult, WorkspaceJoinAck } from "../../common/realtime.ts";
import type { ActivityPageDto } from "../../common/activity.ts";

/** Small, so that a sync of the whole log takes several pages. */
const REPLAY_PAGE = 5;

let server: TestServer;
let world: World<HttpClient, "Vic" | "Ana" | "Eve" | "Pat" | "Sam">;
const sockets = socketsClosedAfterEach();
let tagCount = 0;

beforeAll(async () => {
  server = await startTestServer({
    env: { WEBHOOK_ALLOW_PRIVATE: "true", DISPATCH_INTERVAL_MS: "60000" },
    realtime: { burst: 1_000, perSecond: 1_000, replayPage: REPLAY_PAGE },
  });
  world = await buildWorld(httpTransport(server.url), { members: { Vic: "viewer", Ana: "analyst", Eve: "editor", Pat: "viewer", Sam: "analyst" } });
});
afterAll(async () => {
  await server?.stop();
});

const ws = () => `/api/workspaces/${world.workspaceId}`;

function emit<T>(socket: ClientSocket, event: string, payload: unknown): Promise<T> {
  return (socket.timeout(10_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<T> }).emitWithAck(event, payload);
}

/** A socket of `user` that records the workspace events it receives. */
async function listening(user: HttpClient): Promise<{ socket: ClientSocket; got: WorkspaceEventDto[] }> {
  const socket = user.connect();
  sockets.push(socket);
  const got: WorkspaceEventDto[] = [];
  socket.on("workspace:event", (e) => got.push(e));
  await connected(socket);
  return { socket, got };
}

/** Follows the workspace's log from now on. */
async function following(user: HttpClient) {
  const l = await listening(user);
  const ack = await emit<WorkspaceJoinAck>(l.socket, "workspace:join", { workspaceId: world.workspaceId, lastSeq: 2 ** 31 - 1 });
  expect(ack.ok).toBe(true);
  return l;
}

/** A tag every member reads: once a socket has it, every event before it has reached that socket too. */
async function barrier(): Promise<string> {
  const name = `Barrier ${++tagCount}`;
  await world.owner.ok("POST", `${ws()}/tags`, { name }, [201]);
  return name;
}
const hasTag = (got: WorkspaceEventDto[], name: string) => got.some((e) => e.type === "tag.created" && e.payload.tag.name === name);
const typesOf = (got: WorkspaceEventDto[]) => got.map((e) => e.type);

/** One event of every kind a viewer may not read, then a barrier. */
async function restrictedEvents(): Promise<string> {
  await world.owner.ok("POST", `${ws()}/webhooks`, { url: "http://127.0.0.1:9/hook", events: ["annotation.created"] }, [201]);
  await world.owner.ok("POST", `${ws()}/invites`, { role: "viewer" }, [201]);
  await world.owner.ok("PATCH", `${ws()}/members/${world.users.Sam.id}`, { role: "editor" });
  await world.owner.ok("PATCH", `${ws()}/members/${world.users.Sam.id}`, { role: "analyst" });
  return barrier();
}

describe("live workspace events reach the roles that read them", () => {
  it("a viewer's and an analyst's sockets get no webhook, invite or membership event; an editor's the webhook and invite ones; an owner's all", async () => {
    const [viewer, analyst, editor, owner] = await Promise.all([following(world.users.Vic), following(world.users.Ana), following(world.users.Eve), following(world.owner)]);
    // A viewer's socket that joined only a document is in the workspace's rooms too.
    const docOnly = await listening(world.users.Pat);
    expect((await emit<{ ok: boolean }>(docOnly.socket, "document:join", { documentId: world.documentId })).ok).toBe(true);

    const last = await restrictedEvents();
    for (const l of [viewer, analyst, editor, owner, docOnly]) await eventually(() => expect(hasTag(l.got, last)).toBe(true));
    await pause(50);

    for (const l of [viewer, analyst, docOnly]) expect(typesOf(l.got)).toEqual(["tag.created"]);
    expect(typesOf(editor.got)).toEqual(["webhook.created", "invite.created", "tag.created"]);
    expect(typesOf(owner.got)).toEqual(["webhook.created", "invite.created", "member.role_changed", "member.role_changed", "tag.created"]);
  });

  it("the member a membership event is about gets it, whatever their role", async () => {
    const pat = await following(world.users.Pat);
    const vic = await following(world.users.Vic);
    await world.owner.ok("PATCH", `${ws()}/members/${world.users.Pat.id}`, { role: "analyst" });
    await world.owner.ok("PATCH", `${ws()}/members/${world.users.Pat.id}`, { role: "viewer" });
    const last = await barrier();
    await eventually(() => expect(hasTag(pat.got, last) && hasTag(vic.got, last)).toBe(true));
    expect(pat.got.filter((e) => e.type === "member.role_changed").map((e) => e.payload)).toMatchObject([
      { userId: world.users.Pat.id, from: "viewer", to: "analyst" },
      { userId: world.users.Pat.id, from: "analyst", to: "viewer" },
    ]);
    expect(typesOf(vic.got)).toEqual(["tag.created"]);
  });

  it("a viewer promoted to owner receives what owners read from then on, without reconnecting; demoted again, no more", async () => {
    const vic = await following(world.users.Vic);
    const viaDocument = await listening(world.users.Vic);
    expect((await emit<{ ok: boolean }>(viaDocument.socket, "document:join", { documentId: world.documentId })).ok).toBe(true);
    const first = await restrictedEvents();
    await eventually(() => expect(hasTag(vic.got, first) && hasTag(viaDocument.got, first)).toBe(true));
    expect(typesOf(vic.got)).toEqual(["tag.created"]);

    try {
      await world.owner.ok("PATCH", `${ws()}/members/${world.users.Vic.id}`, { role: "owner" });
      vic.got.length = 0;
      viaDocument.got.length = 0;
      const second = await restrictedEvents();
      for (const l of [vic, viaDocument]) {
        await eventually(() => expect(hasTag(l.got, second)).toBe(true));
        expect(typesOf(l.got)).toEqual(["webhook.created", "invite.created", "member.role_changed", "member.role_changed", "tag.created"]);
      }
    } finally {
      await world.owner.ok("PATCH", `${ws()}/members/${world.users.Vic.id}`, { role: "viewer" });
    }
    vic.got.length = 0;
    const third = await restrictedEvents();
    await eventually(() => expect(hasTag(vic.got, third)).toBe(true));
    expect(typesOf(vic.got)).toEqual(["tag.created"]);
  });
});

describe("replays and syncs filter the same way", () => {
  /** The log from its start, as a join's replay sends it to `user`. */
  async function replayed(user: HttpClient): Promise<WorkspaceEventDto[]> {
    const l = await listening(user);
    const ack = await emit<WorkspaceJoinAck>(l.socket, "workspace:join", { workspaceId: world.workspaceId, lastSeq: 0 });
    if (!ack.ok) throw new Error(JSON.stringify(ack.error));
    // The replay ends with the last event the member reads up to the ack's seq.
    const { lastSeq } = await server.db.workspace.findUniqueOrThrow({ where: { id: world.workspaceId }, select: { lastSeq: true } });
    const rows = await server.db.workspaceEvent.findMany({ where: { workspaceId: world.workspaceId, seq: { lte: lastSeq } }, select: { seq: true, type: true }, orderBy: { seq: "asc" } });
    const lastTag = rows.filter((r) => r.type.startsWith("tag.")).at(-1)!;
    await eventually(() => expect(l.got.some((e) => e.seq === lastTag.seq)).toBe(true));
    await pause(50);
    return l.got;
  }

  it("a join's replay sends a viewer none of the audit trail, an owner all of it", async () => {
    await restrictedEvents();
    const [viewer, owner] = await Promise.all([replayed(world.users.Vic), replayed(world.owner)]);
    const all = await server.db.workspaceEvent.count({ where: { workspaceId: world.workspaceId, seq: { lte: owner.at(-1)!.seq } } });
    expect(owner.map((e) => e.seq)).toEqual(Array.from({ length: all }, (_, i) => i + 1));
    expect(owner.map((e) => e.type)).toEqual(expect.arrayContaining(["webhook.created", "invite.created", "member.role_changed", "member.joined"]));
    expect(viewer.map((e) => e.type)).not.toContain("webhook.created");
    expect(viewer.map((e) => e.type)).not.toContain("invite.created");
    // Besides what every member reads, Vic reads the membership events about Vic (joining, the promotion above).
    const others = viewer.filter((e) => !(e.type.startsWith("tag.") || e.type.startsWith("workspace.") || e.type === "document.deleted"));
    expect(others.length).toBeGreaterThan(0);
    for (const e of others) expect({ kind: e.type.split(".")[0], about: (e.payload as { userId?: string }).userId }).toEqual({ kind: "member", about: world.users.Vic.id });
  });

  it("a sync answers a viewer only the events they read, and the seq up to which it has looked, a page at a time", async () => {
    await restrictedEvents();
    const { lastSeq: head } = await server.db.workspace.findUniqueOrThrow({ where: { id: world.workspaceId }, select: { lastSeq: true } });
    const rows = await server.db.workspaceEvent.findMany({ where: { workspaceId: world.workspaceId }, select: { seq: true, type: true, payload: true }, orderBy: { seq: "asc" } });
    const visible = (r: { type: string; payload: string }) =>
      r.type.startsWith("tag.") || r.type.startsWith("workspace.") || r.type === "document.deleted" || (r.type.startsWith("member.") && (JSON.parse(r.payload) as { userId: string }).userId === world.users.Vic.id);

    for (const [who, reads] of [
      [world.users.Vic, visible],
      [world.owner, () => true],
    ] as const) {
      const l = await listening(who);
      expect((await emit<WorkspaceJoinAck>(l.socket, "workspace:join", { workspaceId: world.workspaceId, lastSeq: 2 ** 31 - 1 })).ok).toBe(true);
      const seen: number[] = [];
      const positions: number[] = [];
      for (let after = 0; after < head; ) {
        const answer = await emit<AckResult<{ events: WorkspaceEventDto[]; seq: number }>>(l.socket, "workspace:sync", { workspaceId: world.workspaceId, lastSeq: after });
        if (!answer.ok) throw new Error(JSON.stringify(answer.error));
        expect(answer.result.seq).toBeGreaterThan(after);
        seen.push(...answer.result.events.map((e) => e.seq));
        positions.push(answer.result.seq);
        after = answer.result.seq;
      }
      expect(seen).toEqual(rows.filter((r) => r.seq <= head && reads(r)).map((r) => r.seq));
      // Each answer looked through one page of the log (the last, up to its end).
      expect(positions).toEqual(Array.from({ length: Math.ceil(head / REPLAY_PAGE) }, (_, i) => Math.min(head, (i + 1) * REPLAY_PAGE)));
    }
  });
});

describe("activity pages", () => {
  it("a viewer's workspace activity shows the workspace log's entries their role reads, an owner's all", async () => {
    await restrictedEvents();
    const read = async (user: HttpClient) => (await user.ok<ActivityPageDto>("GET", `${ws()}/activity?limit=100`)).entries.filter((e) => e.id.startsWith("w.")).map((e) => e.type);
    const [viewer, owner] = await Promise.all([read(world.users.Pat), read(world.owner)]);
    expect(owner).toEqual(expect.arrayContaining(["webhook.created", "invite.created", "member.role_changed", "member.joined", "tag.created"]));
    expect(viewer).toContain("tag.created");
    // Pat reads the membership events about Pat (joined, the role changes above), no others.
    expect(new Set(viewer.filter((t) => !t.startsWith("tag.") && !t.startsWith("workspace.")))).toEqual(new Set(["member.joined", "member.role_changed"]));
    expect(new Set(await membersNamedIn(world.users.Pat))).toEqual(new Set([world.users.Pat.id]));
  });
});

/** Whom the membership entries of `who`'s workspace activity are about (read from the log by id). */
async function membersNamedIn(who: HttpClient): Promise<string[]> {
  const { entries } = await who.ok<ActivityPageDto>("GET", `${ws()}/activity?limit=100`);
  const seqs = entries.filter((e) => e.id.startsWith("w.") && e.type.startsWith("member.")).map((e) => Number(e.id.split(".").at(-1)));
  const rows = await server.db.workspaceEvent.findMany({ where: { workspaceId: world.workspaceId, seq: { in: seqs } }, select: { payload: true } });
  return rows.map((r) => (JSON.parse(r.payload) as { userId: string }).userId);
}
