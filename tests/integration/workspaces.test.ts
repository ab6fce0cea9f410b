import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { addMember, buildTestApp, createWorkspace, type AppClient, type TestApp } from "../helpers/kit.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("workspaces", () => {
  it("creates a workspace with the creator as owner and lists it", async () => {
    const u = await t.signUp();
    const res = await u.post("/api/workspaces", { name: "  Foreign desk  " });
    expect(res.status).toBe(201);
    expect(res.body.workspace).toMatchObject({ name: "Foreign desk", role: "owner" });
    expect(res.body.workspace.abilities["invite.create"]).toBe(true);
    const list = await u.get("/api/workspaces");
    expect(list.body.workspaces.map((w: { id: string }) => w.id)).toEqual([res.body.workspace.id]);
  });

  it("validates the name", async () => {
    const u = await t.signUp();
    const res = await u.post("/api/workspaces", { name: "" });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe("name");
    expect((await u.post("/api/workspaces", { name: "x".repeat(121) })).status).toBe(400);
  });

  it("needs a session", async () => {
    expect((await request(t.app).get("/api/workspaces")).status).toBe(401);
    expect((await request(t.app).post("/api/workspaces").send({ name: "x" })).status).toBe(401);
  });

  it("hides a workspace from non-members with 404, whether it exists or not", async () => {
    const owner = await t.signUp();
    const stranger = await t.signUp();
    const id = await createWorkspace(owner);
    const real = await stranger.get(`/api/workspaces/${id}`);
    const fake = await stranger.get(`/api/workspaces/w_doesnotexist0000000000`);
    expect(real.status).toBe(404);
    expect(fake.status).toBe(404);
    expect(real.body).toEqual(fake.body);
    expect((await stranger.get(`/api/workspaces/${id}/members`)).status).toBe(404);
    expect((await stranger.post(`/api/workspaces/${id}/invites`, { role: "viewer" })).status).toBe(404);
    expect((await stranger.get(`/api/workspaces/${id}/documents`)).status).toBe(404);
  });

  it("only owners rename", async () => {
    const owner = await t.signUp();
    const editor = await t.signUp();
    const id = await createWorkspace(owner);
    await addMember(owner, id, editor, "editor");
    expect((await editor.patch(`/api/workspaces/${id}`, { name: "Mine now" })).status).toBe(403);
    const ok = await owner.patch(`/api/workspaces/${id}`, { name: "Renamed" });
    expect(ok.status).toBe(200);
    expect(ok.body.workspace.name).toBe("Renamed");
  });
});

describe("invites", () => {
  let owner: AppClient;
  let workspaceId: string;
  beforeAll(async () => {
    owner = await t.signUp();
    workspaceId = await createWorkspace(owner);
  });

  it("gives a link with a single-use token", async () => {
    const joiner = await t.signUp();
    const other = await t.signUp();
    const inv = await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: "analyst" });
    expect(inv.status).toBe(201);
    expect(inv.body.url).toBe(`http://localhost:3000/invite/${inv.body.token}`);
    expect(inv.body.invite.role).toBe("analyst");
    const preview = await joiner.get(`/api/invites/${inv.body.token}`);
    expect(preview.body).toMatchObject({ role: "analyst", workspace: { id: workspaceId } });
    const acc = await joiner.post(`/api/invites/${inv.body.token}/accept`);
    expect(acc.status).toBe(200);
    expect(acc.body.workspace).toMatchObject({ id: workspaceId, role: "analyst" });
    const again = await other.post(`/api/invites/${inv.body.token}/accept`);
    expect(again.status).toBe(410);
    expect((await other.get(`/api/workspaces/${workspaceId}`)).status).toBe(404);
  });

  it("stores only a hash of the token", async () => {
    const inv = await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: "viewer" });
    const row = await t.db.invite.findUniqueOrThrow({ where: { id: inv.body.invite.id } });
    expect(row.tokenHash).not.toBe(inv.body.token);
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses an expired invite", async () => {
    const joiner = await t.signUp();
    const inv = await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: "viewer" });
    await t.db.invite.update({ where: { id: inv.body.invite.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await joiner.post(`/api/invites/${inv.body.token}/accept`);
    expect(res.status).toBe(410);
    expect(res.body.error.message).toMatch(/expired/);
  });

  it("refuses a revoked invite and an unknown token", async () => {
    const joiner = await t.signUp();
    const inv = await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: "viewer" });
    const listed = await owner.get(`/api/workspaces/${workspaceId}/invites`);
    expect(listed.body.invites.map((i: { id: string }) => i.id)).toContain(inv.body.invite.id);
    expect((await owner.delete(`/api/workspaces/${workspaceId}/invites/${inv.body.invite.id}`)).status).toBe(204);
    expect((await joiner.post(`/api/invites/${inv.body.token}/accept`)).status).toBe(410);
    expect((await joiner.post(`/api/invites/${"x".repeat(43)}/accept`)).status).toBe(404);
    expect((await joiner.post(`/api/invites/bad!token/accept`)).status).toBe(400);
  });

  it("two simultaneous accepts of one token: exactly one wins", async () => {
    const a = await t.signUp();
    const b = await t.signUp();
    const inv = await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: "viewer" });
    const [ra, rb] = await Promise.all([a.post(`/api/invites/${inv.body.token}/accept`), b.post(`/api/invites/${inv.body.token}/accept`)]);
    expect([ra.status, rb.status].sort()).toEqual([200, 410]);
    const members = await t.db.membership.count({ where: { workspaceId, userId: { in: [a.id, b.id] } } });
    expect(members).toBe(1);
  });

  it("an editor may invite analysts and viewers but not owners; analysts and viewers may not invite", async () => {
    const editor = await t.signUp();
    const analyst = await t.signUp();
    await addMember(owner, workspaceId, editor, "editor");
    await addMember(owner, workspaceId, analyst, "analyst");
    expect((await editor.post(`/api/workspaces/${workspaceId}/invites`, { role: "analyst" })).status).toBe(201);
    expect((await editor.post(`/api/workspaces/${workspaceId}/invites`, { role: "owner" })).status).toBe(403);
    expect((await analyst.post(`/api/workspaces/${workspaceId}/invites`, { role: "viewer" })).status).toBe(403);
    const bad = await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: "admin" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe("role");
  });

  it("a member accepting again gets 409 and keeps the token unused", async () => {
    const m = await t.signUp();
    await addMember(owner, workspaceId, m, "viewer");
    const inv = await owner.post(`/api/workspaces/${workspaceId}/invites`, { role: "editor" });
    expect((await m.post(`/api/invites/${inv.body.token}/accept`)).status).toBe(409);
    const fresh = await t.signUp();
    expect((await fresh.post(`/api/invites/${inv.body.token}/accept`)).status).toBe(200);
  });
});

describe("memberships", () => {
  it("lists members; owners change roles and remove members; the last owner stays", async () => {
    const owner = await t.signUp({ displayName: "Olive Owner" });
    const analyst = await t.signUp({ displayName: "Ann Analyst" });
    const id = await createWorkspace(owner);
    await addMember(owner, id, analyst, "analyst");

    const list = await analyst.get(`/api/workspaces/${id}/members`);
    expect(list.status).toBe(200);
    expect(list.body.members.map((m: { displayName: string; role: string }) => [m.displayName, m.role])).toEqual([
      ["Olive Owner", "owner"],
      ["Ann Analyst", "analyst"],
    ]);

    expect((await analyst.patch(`/api/workspaces/${id}/members/${owner.id}`, { role: "viewer" })).status).toBe(403);
    const promoted = await owner.patch(`/api/workspaces/${id}/members/${analyst.id}`, { role: "editor" });
    expect(promoted.status).toBe(200);
    expect(promoted.body.member.role).toBe("editor");
    expect((await owner.patch(`/api/workspaces/${id}/members/${analyst.id}`, { role: "boss" })).body.error.field).toBe("role");

    const demoteSelf = await owner.patch(`/api/workspaces/${id}/members/${owner.id}`, { role: "editor" });
    expect(demoteSelf.status).toBe(409);
    expect((await owner.delete(`/api/workspaces/${id}/members/${owner.id}`)).status).toBe(409);

    expect((await owner.delete(`/api/workspaces/${id}/members/${analyst.id}`)).status).toBe(204);
    expect((await analyst.get(`/api/workspaces/${id}`)).status).toBe(404);
    expect((await owner.delete(`/api/workspaces/${id}/members/${analyst.id}`)).status).toBe(404);
  });

  it("a member can leave; a non-owner cannot remove others", async () => {
    const owner = await t.signUp();
    const a = await t.signUp();
    const b = await t.signUp();
    const id = await createWorkspace(owner);
    await addMember(owner, id, a, "editor");
    await addMember(owner, id, b, "viewer");
    expect((await a.delete(`/api/workspaces/${id}/members/${b.id}`)).status).toBe(403);
    expect((await b.delete(`/api/workspaces/${id}/members/${b.id}`)).status).toBe(204);
    expect((await b.get(`/api/workspaces/${id}`)).status).toBe(404);
  });
});
