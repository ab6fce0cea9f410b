/**
 * What is deleted stays out of reach through every other way in: the replies of a deleted
 * annotation (their rows stay, the thread answers 404) are not found by search either.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, buildWorld, type AppClient, type TestApp } from "../helpers/kit.ts";

let t: TestApp;
let owner: AppClient;
let editor: AppClient;
let workspaceId: string;
let documentId: string;
let paragraph: { id: string; text: string };

beforeAll(async () => {
  t = await buildTestApp();
  const world = await buildWorld(t, { members: { Eve: "editor" }, document: { content: "Title\n\nThe treaty limits deployments near the border.", format: "txt" } });
  ({ owner, workspaceId, documentId } = world);
  editor = world.users.Eve;
  paragraph = world.paragraphs.find((p) => p.text.startsWith("The treaty"))!;
});
afterAll(async () => {
  await t?.close();
});

const search = async (user: AppClient, q: string) => {
  const res = await user.get(`/api/workspaces/${workspaceId}/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return res.body as { results: Array<{ kind: string; replyId: string | null }>; total: number };
};

describe("search after an annotation is deleted", () => {
  it("finds neither the note nor the replies in its thread", async () => {
    const anchor = { start: { paragraphId: paragraph.id, offset: 4 }, end: { paragraphId: paragraph.id, offset: 10 } };
    const a = (await owner.post(`/api/documents/${documentId}/annotations`, { kind: "claim", body: "wombatnote", anchor })).body.annotation;
    const reply = (await editor.post(`/api/annotations/${a.id}/replies`, { body: "quokkaword from the source" })).body.reply;
    const kept = (await owner.post(`/api/documents/${documentId}/annotations`, { kind: "comment", body: "kept", anchor })).body.annotation;
    const keptReply = (await editor.post(`/api/annotations/${kept.id}/replies`, { body: "quokkaword kept" })).body.reply;
    expect((await search(owner, "quokkaword")).results.map((r) => r.replyId).sort()).toEqual([reply.id, keptReply.id].sort());

    expect((await owner.delete(`/api/annotations/${a.id}`)).status).toBe(200);
    expect((await editor.get(`/api/annotations/${a.id}/replies`)).status).toBe(404);
    for (const user of [owner, editor]) {
      const found = await search(user, "quokkaword");
      expect(found.results.map((r) => r.replyId)).toEqual([keptReply.id]);
      expect(found.total).toBe(1);
      expect((await search(user, "wombatnote")).total).toBe(0);
    }
  });
});
