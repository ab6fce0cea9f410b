/**
 * The workspace log is the audit trail: a member's sockets receive, live and in replays, only the
 * workspace events their role reads (common/workspace-event-access.ts), and the member an event is
 * about; in place of the others, only their seq (`workspace:position`). A role change moves the
 * member's open sockets at once; the activity pages filter alike.
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

/** A socket of `user` that records the workspace events it receives, and the seqs it is told it passed over. */
async function listening(user: HttpClient): Promise<{ socket: ClientSocket; got: WorkspaceEventDto[]; passed: number[] }> {
  const socket = user.connect();
  sockets.push(socket);
  const got: WorkspaceEventDto[] = [];
  const passed: number[] = [];
  socket.on("workspace:event", (e) => got.push(e));
  socket.on("workspace:position", (p: { workspaceId: string; seq: number }) => {
    if (p.workspaceId === world.workspaceId) passed.push(p.seq);
  });
  await connected(socket);
  return { socket, got, passed };
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

/** One event of every kind a viewer may not read (a webhook, an invite, an export), then a barrier. */
async function restrictedEvents(): Promise<string> {
  await world.owner.ok("POST", `${ws()}/webhooks`, { url: "http://127.0.0.1:9/hook", events: ["annotation.created"] }, [201]);
  await world.owner.ok("POST", `${ws()}/invites`, { role: "viewer" }, [201]);
  const exported = await fetch(`${server.url}/api/documents/${world.documentId}/export?format=csv`, { headers: { cookie: world.owner.cookie } });
  expect(exported.status).toBe(200);
  await exported.arrayBuffer();
  return barrier();
}
const OWNERS_VIEW = ["webhook.created", "invite.created", "document.exported", "tag.created"];

describe("live workspace events reach the roles that read them", () => {
  it("a viewer's and an analyst's sockets get no webhook, invite or export event, only their seqs; an editor's the webhook and invite ones; an owner's all", async () => {
    const [viewer, analyst, editor, owner] = await Promise.all([following(world.users.Vic), following(world.users.Ana), following(world.users.Eve), following(world.owner)]);
    // A viewer's socket that joined only a document is in the workspace's rooms too.
    const docOnly = await listening(world.users.Pat);
    expect((await emit<{ ok: boolean }>(docOnly.socket, "document:join", { documentId: world.documentId })).ok).toBe(true);

    const last = await restrictedEvents();
    for (const l of [viewer, analyst, editor, owner, docOnly]) await eventually(() => expect(hasTag(l.got, last)).toBe(true));
    await pause(50);

    for (const l of [viewer, analyst, docOnly]) expect(typesOf(l.got)).toEqual(["tag.created"]);
    expect(typesOf(editor.got)).toEqual(["webhook.created", "invite.created", "tag.created"]);
    expect(typesOf(owner.got)).toEqual(OWNERS_VIEW);
    // In place of each event a socket does not get: its seq, so its copy of the log has no gap.
    const seqOf = (type: string) => owner.got.find((e) => e.type === type)!.seq;
    for (const l of [viewer, analyst, docOnly]) expect(l.passed).toEqual([seqOf("webhook.created"), seqOf("invite.created"), seqOf("document.exported")]);
    expect(editor.passed).toEqual([seqOf("document.exported")]);
    expect(owner.passed).toEqual([]);
    for (const l of [viewer, analyst, editor, owner]) {
      const seqs = [...l.got.map((e) => e.seq), ...l.passed].sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
    }
  });

  it("membership events reach every member (the member list, roles included, is theirs to read)", async () => {
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
    expect(vic.got.filter((e) => e.type === "member.role_changed").map((e) => e.payload)).toEqual(pat.got.filter((e) => e.type === "member.role_changed").map((e) => e.payload));
    expect(vic.passed).toEqual([]);
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
        expect(typesOf(l.got)).toEqual(OWNERS_VIEW);
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

  it("a join's replay sends a viewer no invite, webhook or export, an owner all of it", async () => {
    await restrictedEvents();
    const [viewer, owner] = await Promise.all([replayed(world.users.Vic), replayed(world.owner)]);
    const all = await server.db.workspaceEvent.count({ where: { workspaceId: world.workspaceId, seq: { lte: owner.at(-1)!.seq } } });
    expect(owner.map((e) => e.seq)).toEqual(Array.from({ length: all }, (_, i) => i + 1));
    expect(owner.map((e) => e.type)).toEqual(expect.arrayContaining(["webhook.created", "invite.created", "document.exported", "member.role_changed", "member.joined"]));
    const viewerTypes = new Set(viewer.map((e) => e.type));
    for (const t of ["webhook.created", "invite.created", "document.exported"]) expect(viewerTypes.has(t as WorkspaceEventDto["type"])).toBe(false);
    expect([...viewerTypes].sort()).toEqual(expect.arrayContaining(["member.joined", "member.role_changed", "tag.created"]));
    // Everything else the owner got, the viewer got too.
    const hidden = new Set(["webhook", "invite", "document.exported"]);
    expect(viewer.map((e) => e.seq)).toEqual(owner.filter((e) => !hidden.has(e.type) && !hidden.has(e.type.split(".")[0]!)).map((e) => e.seq));
  });

  it("a sync answers a viewer only the events they read, and the seq up to which it has looked, a page at a time", async () => {
    await restrictedEvents();
    const { lastSeq: head } = await server.db.workspace.findUniqueOrThrow({ where: { id: world.workspaceId }, select: { lastSeq: true } });
    const rows = await server.db.workspaceEvent.findMany({ where: { workspaceId: world.workspaceId }, select: { seq: true, type: true, payload: true }, orderBy: { seq: "asc" } });
    const visible = (r: { type: string }) => r.type.startsWith("tag.") || r.type.startsWith("workspace.") || r.type === "document.deleted" || r.type.startsWith("member.");

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
    expect(owner).toEqual(expect.arrayContaining(["webhook.created", "invite.created", "document.exported", "member.role_changed", "member.joined", "tag.created"]));
    expect(new Set(viewer)).toEqual(new Set(owner.filter((t) => !t.startsWith("webhook.") && !t.startsWith("invite.") && t !== "document.exported")));
    expect(viewer).toEqual(expect.arrayContaining(["member.joined", "member.role_changed", "tag.created"]));
  });
});
