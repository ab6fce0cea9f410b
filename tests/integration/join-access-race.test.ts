/**
 * A join's rooms follow the membership as it is once the socket is in them: a member removed, or
 * given a lower role, while their document:join or workspace:join is between its access check
 * and its joining of the rooms does not keep receiving what they may no longer read (the removal
 * or role change moved only the rooms the socket was in by then).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWorld, connected, eventually, pause, startTestServer, type ClientSocket, type HttpClient, type TestServer, type World } from "../helpers/kit.ts";
import { socketsClosedAfterEach } from "../helpers/test-sockets.ts";
import type { DocumentEventDto, WorkspaceEventDto } from "../../common/events.ts";

let server: TestServer;
let world: World<HttpClient, "Ana" | "Pat" | "Ola" | "Vic">;
const sockets = socketsClosedAfterEach();

beforeAll(async () => {
  server = await startTestServer();
  world = await buildWorld(server, { members: { Ana: "analyst", Pat: "owner", Ola: "analyst", Vic: "owner" } });
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

/**
 * Runs `between` once, right after the next access check of a join has read the membership
 * (before the join goes on), by holding that read's answer until `between` is done.
 */
function holdNextJoinCheck(between: () => Promise<void>): void {
  const db = server.db as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const delegate = server.db.membership as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const originalRaw = db.$queryRawUnsafe!;
  const originalFind = delegate.findUnique!;
  const restore = () => {
    db.$queryRawUnsafe = originalRaw;
    delegate.findUnique = originalFind;
  };
  const held = async (answer: Promise<unknown>) => {
    restore();
    const value = await answer;
    await between();
    return value;
  };
  db.$queryRawUnsafe = function (this: unknown, sql: unknown, ...params: unknown[]) {
    const answer = originalRaw.call(this, sql, ...params);
    return typeof sql === "string" && sql.includes(`LEFT JOIN "Membership"`) ? held(answer) : answer;
  };
  delegate.findUnique = function (this: unknown, ...args: unknown[]) {
    return held(originalFind.apply(this, args));
  };
}

const anchor = () => {
  const p = world.paragraphs.find((x) => x.text.length > 20)!;
  return { start: { paragraphId: p.id, offset: 0 }, end: { paragraphId: p.id, offset: 5 } };
};

describe("a join racing a removal or a demotion", () => {
  it("document:join: a member removed meanwhile is refused and gets none of the document's events", async () => {
    const { owner, users, workspaceId, documentId } = world;
    const s = await socketOf(users.Ana);
    const got: DocumentEventDto[] = [];
    s.on("document:event", (e) => got.push(e));
    holdNextJoinCheck(async () => {
      await owner.ok("DELETE", `/api/workspaces/${workspaceId}/members/${users.Ana.id}`);
      await pause(100);
    });
    const ack = await s.timeout(10_000).emitWithAck("document:join", { documentId });
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error.status).toBe(404);
    const marker = await owner.ok<{ annotation: { id: string } }>("POST", `/api/documents/${documentId}/annotations`, { kind: "comment", body: "after the removal", anchor: anchor() });
    // An event sent to the document's room after that one reaches a member still in it.
    const v = await socketOf(users.Vic);
    const seen: DocumentEventDto[] = [];
    v.on("document:event", (e) => seen.push(e));
    expect((await v.timeout(5000).emitWithAck("document:join", { documentId })).ok).toBe(true);
    await owner.ok("POST", `/api/documents/${documentId}/annotations`, { kind: "comment", body: "one more", anchor: anchor() });
    await eventually(() => expect(seen.some((e) => e.type === "annotation.created")).toBe(true));
    await pause(100);
    expect(got.filter((e) => e.type === "annotation.created" && e.payload.annotation.id === marker.annotation.id)).toEqual([]);
    expect(got.filter((e) => e.type === "annotation.created")).toEqual([]);
  });

  it("document:join: an owner made a viewer meanwhile follows the workspace as a viewer", async () => {
    const { owner, users, workspaceId, documentId } = world;
    const s = await socketOf(users.Pat);
    const got: WorkspaceEventDto[] = [];
    s.on("workspace:event", (e) => got.push(e));
    holdNextJoinCheck(async () => {
      await owner.ok("PATCH", `/api/workspaces/${workspaceId}/members/${users.Pat.id}`, { role: "viewer" });
      await pause(100);
    });
    const ack = await s.timeout(10_000).emitWithAck("document:join", { documentId });
    expect(ack.ok).toBe(true);
    await owner.ok("POST", `/api/workspaces/${workspaceId}/invites`, { role: "analyst" });
    await owner.ok("POST", `/api/workspaces/${workspaceId}/tags`, { name: "After the demotion" });
    await eventually(() => expect(got.some((e) => e.type === "tag.created")).toBe(true));
    expect(got.map((e) => e.type)).not.toContain("invite.created");
  });

  it("workspace:join: a member removed meanwhile is refused and gets none of the workspace's events", async () => {
    const { owner, users, workspaceId } = world;
    const s = await socketOf(users.Ola);
    const got: WorkspaceEventDto[] = [];
    s.on("workspace:event", (e) => got.push(e));
    holdNextJoinCheck(async () => {
      await owner.ok("DELETE", `/api/workspaces/${workspaceId}/members/${users.Ola.id}`);
      await pause(100);
    });
    const ack = await s.timeout(10_000).emitWithAck("workspace:join", { workspaceId });
    expect(ack.ok).toBe(false);
    if (!ack.ok) expect(ack.error.status).toBe(404);
    await owner.ok("POST", `/api/workspaces/${workspaceId}/tags`, { name: "After the removal" });
    const v = await socketOf(users.Vic);
    const seen: WorkspaceEventDto[] = [];
    v.on("workspace:event", (e) => seen.push(e));
    expect((await v.timeout(5000).emitWithAck("workspace:join", { workspaceId })).ok).toBe(true);
    await owner.ok("POST", `/api/workspaces/${workspaceId}/tags`, { name: "One more" });
    await eventually(() => expect(seen.some((e) => e.type === "tag.created" && e.payload.tag.name === "One more")).toBe(true));
    await pause(100);
    expect(got.filter((e) => e.type === "tag.created")).toEqual([]);
  });
});
