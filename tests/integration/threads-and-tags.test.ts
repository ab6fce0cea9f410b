import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anchorOn, buildTestApp, buildWorld, createWorkspace, type AppClient, type TestApp } from "../helpers/kit.ts";
import type { AnnotationDto, ReplyDto, TagDto } from "../../common/annotations.ts";

let t: TestApp;
let editor: AppClient;
let ana: AppClient;
let ben: AppClient;
let viewer: AppClient;
let workspaceId: string;
let documentId: string;
let paragraphs: Array<{ id: string; text: string; kind: string }>;

const TEXT = "Ports and Power\n\nThe port deal of 2024 gave Beijing leverage over Colombo, according to officials.\n\nOthers doubt it.";

beforeAll(async () => {
  t = await buildTestApp();
  const world = await buildWorld(t, {
    members: { editor: "editor", Ana: "analyst", Ben: "analyst", viewer: "viewer" },
    document: { content: TEXT, format: "txt" },
  });
  ({ workspaceId, documentId, paragraphs } = world);
  ({ editor, Ana: ana, Ben: ben, viewer } = world.users);
});
afterAll(async () => {
  await t?.close();
});

/** An anchor that also claims its quote, which the server checks against its own text. */
function anchor(quote: string) {
  return { ...anchorOn(paragraphs, quote), quote };
}

async function claim(by: AppClient, quote = "gave Beijing leverage over Colombo"): Promise<AnnotationDto> {
  const res = await by.post(`/api/documents/${documentId}/annotations`, { kind: "claim", body: "Check this", anchor: anchor(quote) });
  expect(res.status).toBe(201);
  return res.body.annotation;
}

describe("annotations over REST", () => {
  it("creates with server-computed quote and context, lists, updates with versions, deletes softly", async () => {
    const a = await claim(ana);
    expect(a.anchor).toMatchObject({ quote: "gave Beijing leverage over Colombo", prefix: "The port deal of 2024 ", suffix: ", according to officials." });
    expect(a.author.id).toBe(ana.id);
    const list = await viewer.get(`/api/documents/${documentId}/annotations`);
    expect(list.body.annotations.map((x: AnnotationDto) => x.id)).toContain(a.id);
    expect(list.body.seq).toBeGreaterThan(1);

    const upd = await ana.patch(`/api/annotations/${a.id}`, { version: 1, body: "Sourced?" });
    expect(upd.status).toBe(200);
    expect(upd.body.annotation).toMatchObject({ version: 2, body: { format: "text", text: "Sourced?" } });
    const stale = await ana.patch(`/api/annotations/${a.id}`, { version: 1, body: "late" });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.version).toBe(2);
    const nothing = await ana.patch(`/api/annotations/${a.id}`, { version: 2 });
    expect(nothing.status).toBe(400);

    expect((await ben.patch(`/api/annotations/${a.id}`, { version: 2, body: "hijack" })).status).toBe(403);
    expect((await editor.patch(`/api/annotations/${a.id}`, { version: 2, kind: "comment" })).status).toBe(200);
    expect((await ben.delete(`/api/annotations/${a.id}`)).status).toBe(403);
    const del = await ana.delete(`/api/annotations/${a.id}?version=3`);
    expect(del.status).toBe(200);
    expect(del.body.annotation.deleted).toBe(true);
    const after = await ana.get(`/api/documents/${documentId}/annotations`);
    expect(after.body.annotations.map((x: AnnotationDto) => x.id)).not.toContain(a.id);
    expect((await ana.patch(`/api/annotations/${a.id}`, { version: 4, body: "x" })).status).toBe(404);
  });

  it("every change is in the event log, in order", async () => {
    const before = (await ana.get(`/api/documents/${documentId}/events?after=0&limit=1000`)).body;
    const a = await claim(ana, "Others doubt it");
    const after = await ana.get(`/api/documents/${documentId}/events?after=${before.seq}`);
    expect(after.body.events.map((e: { type: string }) => e.type)).toEqual(["annotation.created"]);
    expect(after.body.events[0].payload.annotation.id).toBe(a.id);
    expect(after.body.events[0].seq).toBe(before.seq + 1);
    expect((await ana.get(`/api/documents/${documentId}/events?after=-1`)).status).toBe(400);
  });
});

describe("threads", () => {
  it("replies nest, carry stances and mentions, and deleted ones leave a placeholder", async () => {
    const a = await claim(ana);
    const r1 = await ben.post(`/api/annotations/${a.id}/replies`, { body: "No source for this.", stance: "disputes" });
    expect(r1.status).toBe(201);
    const mention = {
      format: "rich",
      doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "mention", attrs: { id: ben.id, label: "Ben" } }, { type: "text", text: " the minutes say so" }] }] },
    };
    const r2 = await ana.post(`/api/annotations/${a.id}/replies`, { parentId: r1.body.reply.id, body: mention, stance: "supports" });
    expect(r2.status).toBe(201);
    expect(r2.body.reply).toMatchObject({ parentId: r1.body.reply.id, stance: "supports", mentions: [ben.id] });
    expect(r2.body.reply.body.text).toBe("@Ben the minutes say so");

    const outsider = await t.signUp();
    const badMention = { ...mention, doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "mention", attrs: { id: outsider.id, label: "X" } }] }] } };
    const bm = await ana.post(`/api/annotations/${a.id}/replies`, { body: badMention, stance: "none" });
    expect(bm.status).toBe(400);
    expect(bm.body.error.field).toBe("body");
    expect((await ana.post(`/api/annotations/${a.id}/replies`, { body: "x", stance: "agrees" })).body.error.field).toBe("stance");
    expect((await ana.post(`/api/annotations/${a.id}/replies`, { body: "x", parentId: "r_notinthisthread" })).body.error.field).toBe("parentId");
    expect((await viewer.post(`/api/annotations/${a.id}/replies`, { body: "x" })).status).toBe(403);

    expect((await ana.patch(`/api/replies/${r1.body.reply.id}`, { version: 1, body: "edited by someone else" })).status).toBe(403);
    const edited = await ben.patch(`/api/replies/${r1.body.reply.id}`, { version: 1, stance: "questions" });
    expect(edited.body.reply).toMatchObject({ stance: "questions", version: 2 });
    const gone = await ben.delete(`/api/replies/${r1.body.reply.id}`);
    expect(gone.status).toBe(200);
    expect(gone.body.reply).toMatchObject({ deleted: true, body: null });

    const list = await viewer.get(`/api/documents/${documentId}/annotations`);
    const thread = list.body.annotations.find((x: AnnotationDto) => x.id === a.id).replies as ReplyDto[];
    expect(thread.map((r) => [r.id, r.deleted])).toEqual([
      [r1.body.reply.id, true],
      [r2.body.reply.id, false],
    ]);
    const stored = await t.db.reply.findUniqueOrThrow({ where: { id: r1.body.reply.id } });
    expect(stored.body).not.toContain("No source");
    expect((await ben.patch(`/api/replies/${r1.body.reply.id}`, { version: 3, body: "back" })).status).toBe(404);
  });

  it("lists without replies (sizes and tallies only) and loads one thread on demand", async () => {
    const a = await claim(ana, "according to officials");
    await ben.post(`/api/annotations/${a.id}/replies`, { body: "No.", stance: "disputes" });
    await ben.post(`/api/annotations/${a.id}/replies`, { body: "Still no.", stance: "questions" });
    const gone = await ana.post(`/api/annotations/${a.id}/replies`, { body: "Yes.", stance: "supports" });
    await ana.delete(`/api/replies/${gone.body.reply.id}`);
    const light = await viewer.get(`/api/documents/${documentId}/annotations?replies=false`);
    const row = light.body.annotations.find((x: AnnotationDto) => x.id === a.id) as AnnotationDto;
    expect(row.replies).toBeUndefined();
    expect(row.thread).toEqual({ replyCount: 2, tally: { supports: 0, disputes: 0, questions: 1 } });
    const thread = await viewer.get(`/api/annotations/${a.id}/replies`);
    expect(thread.body.replies.map((r: ReplyDto) => [r.body?.text ?? null, r.deleted])).toEqual([
      ["No.", false],
      ["Still no.", false],
      [null, true],
    ]);
    const outsider = await t.signUp();
    expect((await outsider.get(`/api/annotations/${a.id}/replies`)).status).toBe(404);
    expect((await viewer.get(`/api/documents/${documentId}/annotations?replies=maybe`)).body.error.field).toBe("replies");
  });

  it("editors moderate anyone's replies", async () => {
    const a = await claim(ana);
    const r = await ben.post(`/api/annotations/${a.id}/replies`, { body: "Off topic", stance: "none" });
    expect((await editor.delete(`/api/replies/${r.body.reply.id}`)).status).toBe(200);
  });
});

describe("tags", () => {
  it("editors build a hierarchy; analysts apply; paths read parent > child", async () => {
    const region = await editor.post(`/api/workspaces/${workspaceId}/tags`, { name: "Region", color: "#336699", description: "Where" });
    expect(region.status).toBe(201);
    const asean = await editor.post(`/api/workspaces/${workspaceId}/tags`, { name: "ASEAN", parentId: region.body.tag.id, color: "#3399cc" });
    expect(asean.body.tag.path).toBe("Region > ASEAN");
    expect((await ana.post(`/api/workspaces/${workspaceId}/tags`, { name: "Mine" })).status).toBe(403);
    expect((await editor.post(`/api/workspaces/${workspaceId}/tags`, { name: "asean", parentId: region.body.tag.id })).status).toBe(409);
    expect((await editor.post(`/api/workspaces/${workspaceId}/tags`, { name: "Bad", color: "red" })).body.error.field).toBe("color");
    expect((await editor.post(`/api/workspaces/${workspaceId}/tags`, { name: "A > B" })).body.error.field).toBe("name");

    const a = await ana.post(`/api/documents/${documentId}/annotations`, { kind: "claim", body: "", anchor: anchor("port deal"), tagIds: [asean.body.tag.id] });
    expect(a.status).toBe(201);
    expect(a.body.annotation.tagIds).toEqual([asean.body.tag.id]);

    const listed = await viewer.get(`/api/workspaces/${workspaceId}/tags`);
    expect(listed.body.tags.map((x: TagDto) => x.path)).toEqual(expect.arrayContaining(["Region", "Region > ASEAN"]));
  });

  it("renames, moves (never under itself), merges and archives", async () => {
    const claimType = (await editor.post(`/api/workspaces/${workspaceId}/tags`, { name: "Claim type" })).body.tag as TagDto;
    const forecast = (await editor.post(`/api/workspaces/${workspaceId}/tags`, { name: "Forecast", parentId: claimType.id })).body.tag as TagDto;
    const prediction = (await editor.post(`/api/workspaces/${workspaceId}/tags`, { name: "Prediction" })).body.tag as TagDto;

    const cycle = await editor.patch(`/api/tags/${claimType.id}`, { version: 1, parentId: forecast.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.field).toBe("parentId");
    const moved = await editor.patch(`/api/tags/${prediction.id}`, { version: 1, parentId: claimType.id, name: "Predictions" });
    expect(moved.body.tag).toMatchObject({ path: "Claim type > Predictions", version: 2 });
    expect((await editor.patch(`/api/tags/${prediction.id}`, { version: 1, color: "#000000" })).status).toBe(409);

    const a1 = (await ana.post(`/api/documents/${documentId}/annotations`, { kind: "claim", anchor: anchor("2024"), tagIds: [prediction.id] })).body.annotation as AnnotationDto;
    const a2 = (await ana.post(`/api/documents/${documentId}/annotations`, { kind: "claim", anchor: anchor("officials"), tagIds: [prediction.id, forecast.id] }))
      .body.annotation as AnnotationDto;
    const seqBefore = (await ana.get(`/api/documents/${documentId}/events?after=0&limit=1`)).body.seq;

    expect((await ana.post(`/api/tags/${prediction.id}/merge`, { intoTagId: forecast.id })).status).toBe(403);
    const merged = await editor.post(`/api/tags/${prediction.id}/merge`, { intoTagId: forecast.id });
    expect(merged.status).toBe(200);
    const list = (await ana.get(`/api/documents/${documentId}/annotations`)).body.annotations as AnnotationDto[];
    expect(list.find((x) => x.id === a1.id)!.tagIds).toEqual([forecast.id]);
    expect(list.find((x) => x.id === a2.id)!.tagIds).toEqual([forecast.id]);
    const events = (await ana.get(`/api/documents/${documentId}/events?after=${seqBefore}`)).body.events;
    expect(events.map((e: { type: string }) => e.type)).toEqual(["tags.merged"]);
    const tags = (await ana.get(`/api/workspaces/${workspaceId}/tags`)).body.tags as TagDto[];
    expect(tags.find((x) => x.id === prediction.id)!.archived).toBe(true);

    const archivedUse = await ana.post(`/api/documents/${documentId}/annotations`, { kind: "claim", anchor: anchor("2024"), tagIds: [prediction.id] });
    expect(archivedUse.status).toBe(400);
    expect(archivedUse.body.error.field).toBe("tagIds");
    const fv = tags.find((x) => x.id === forecast.id)!.version;
    expect((await editor.patch(`/api/tags/${forecast.id}`, { version: fv, archived: true })).body.tag.archived).toBe(true);
  });

  it("merges a tag that is on thousands of annotations, some already carrying the target", async () => {
    const big = (await editor.post(`/api/workspaces/${workspaceId}/tags`, { name: "Bulk source" })).body.tag as TagDto;
    const into = (await editor.post(`/api/workspaces/${workspaceId}/tags`, { name: "Bulk target" })).body.tag as TagDto;
    const p = paragraphs.find((x) => x.kind === "paragraph")!;
    const now = new Date();
    const ids = Array.from({ length: 2_500 }, (_, i) => `a_bulkmerge_${i}`);
    for (let i = 0; i < ids.length; i += 250)
      await t.db.annotation.createMany({
        data: ids.slice(i, i + 250).map((id) => ({
          id,
          documentId,
          authorId: ana.id,
          kind: "comment",
          body: JSON.stringify({ format: "text", text: id }),
          startPid: p.id,
          startOffset: 0,
          endPid: p.id,
          endOffset: 4,
          quote: p.text.slice(0, 4),
          prefix: "",
          suffix: p.text.slice(4, 36),
          docVersion: 1,
          createdAt: now,
          updatedAt: now,
        })),
      });
    for (let i = 0; i < ids.length; i += 250) await t.db.annotationTag.createMany({ data: ids.slice(i, i + 250).map((annotationId) => ({ annotationId, tagId: big.id })) });
    // One in five carries the target already.
    await t.db.annotationTag.createMany({ data: ids.filter((_, i) => i % 5 === 0).map((annotationId) => ({ annotationId, tagId: into.id })) });

    const merged = await editor.post(`/api/tags/${big.id}/merge`, { intoTagId: into.id });
    expect(merged.status).toBe(200);
    expect(await t.db.annotationTag.count({ where: { tagId: big.id } })).toBe(0);
    expect(await t.db.annotationTag.count({ where: { tagId: into.id, annotationId: { startsWith: "a_bulkmerge_" } } })).toBe(ids.length);
    const list = (await ana.get(`/api/documents/${documentId}/annotations?limit=1000`)).body.annotations as AnnotationDto[];
    const bulk = list.filter((x) => x.id.startsWith("a_bulkmerge_"));
    expect(bulk.length).toBeGreaterThan(0);
    expect(bulk.every((x) => x.tagIds.filter((id) => id === into.id).length === 1 && !x.tagIds.includes(big.id))).toBe(true);
  });

  it("tags of another workspace cannot be applied or seen", async () => {
    const other = await t.signUp();
    const otherWs = await createWorkspace(other);
    const foreign = (await other.post(`/api/workspaces/${otherWs}/tags`, { name: "Secret" })).body.tag as TagDto;
    const res = await ana.post(`/api/documents/${documentId}/annotations`, { kind: "claim", anchor: anchor("2024"), tagIds: [foreign.id] });
    expect(res.status).toBe(400);
    expect((await ana.get(`/api/workspaces/${otherWs}/tags`)).status).toBe(404);
    expect((await editor.patch(`/api/tags/${foreign.id}`, { version: 1, name: "Mine" })).status).toBe(404);
  });
});
