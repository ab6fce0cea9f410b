/**
 * An invite holds only while the member who made it may still make it: one made by an editor
 * who was since removed, or demoted below inviting, is 410 to preview and to accept, and lets
 * nobody in (not even the removed editor themselves); invites of members who may still make
 * them keep working. The invite list shows only invites that still let someone in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, buildTestApp, createWorkspace, type AppClient, type TestApp } from "../helpers/kit.ts";

let t: TestApp;
let owner: AppClient;
let workspaceId: string;

beforeAll(async () => {
  t = await buildTestApp();
  owner = await t.signUp({ displayName: "Owner" });
  workspaceId = await createWorkspace(owner);
});
afterAll(async () => {
  await t?.close();
});

async function inviteBy(user: AppClient, role: string): Promise<string> {
  const res = await user.post(`/api/workspaces/${workspaceId}/invites`, { role });
  expect(res.status).toBe(201);
  return res.body.token as string;
}

async function listedInviteIds(): Promise<string[]> {
  const res = await owner.get(`/api/workspaces/${workspaceId}/invites`);
  expect(res.status).toBe(200);
  return (res.body.invites as Array<{ id: string }>).map((i) => i.id);
}

async function memberIds(): Promise<string[]> {
  return ((await owner.get(`/api/workspaces/${workspaceId}/members`)).body.members as Array<{ userId: string }>).map((m) => m.userId);
}

describe("an invite outlives its maker's right to invite only as long as the right holds", () => {
  it("a removed editor's invites let nobody in, the editor included", async () => {
    const editor = await t.signUp({ displayName: "Ed" });
    await addMember(owner, workspaceId, editor, "editor");
    const token = await inviteBy(editor, "editor");
    const listed = await listedInviteIds();
    expect((await owner.delete(`/api/workspaces/${workspaceId}/members/${editor.id}`)).status).toBe(204);
    // No longer pending: it is gone from the list (and only it).
    const after = await listedInviteIds();
    expect(after).toHaveLength(listed.length - 1);
    expect(listed).toEqual(expect.arrayContaining(after));

    const friend = await t.signUp({ displayName: "Friend" });
    const preview = await friend.get(`/api/invites/${token}`);
    expect(preview.status).toBe(410);
    expect(preview.body.error.message).toMatch(/no longer/);
    for (const who of [friend, editor]) {
      const res = await who.post(`/api/invites/${token}/accept`);
      expect(res.status).toBe(410);
      expect(res.body.error.code).toBe("gone");
    }
    const members = await memberIds();
    expect(members).not.toContain(friend.id);
    expect(members).not.toContain(editor.id);
  });

  it("an editor demoted to viewer: their invites no longer hold; an owner's still do", async () => {
    const editor = await t.signUp({ displayName: "Eva" });
    await addMember(owner, workspaceId, editor, "editor");
    const byEditor = await inviteBy(editor, "editor");
    const byOwner = await inviteBy(owner, "editor");
    const listed = await listedInviteIds();
    expect((await owner.patch(`/api/workspaces/${workspaceId}/members/${editor.id}`, { role: "viewer" })).status).toBe(200);
    // The editor's invite leaves the list; the owner's stays (and is accepted below).
    const after = await listedInviteIds();
    expect(after).toHaveLength(listed.length - 1);
    expect(listed).toEqual(expect.arrayContaining(after));

    const a = await t.signUp();
    expect((await a.post(`/api/invites/${byEditor}/accept`)).status).toBe(410);
    expect(await memberIds()).not.toContain(a.id);
    const b = await t.signUp();
    const ok = await b.post(`/api/invites/${byOwner}/accept`);
    expect(ok.status).toBe(200);
    expect(ok.body.workspace.role).toBe("editor");
  });
});
