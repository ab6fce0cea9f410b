import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { addMember, anchorOn as anchorIn, buildTestApp, buildWorld, createWorkspace, importDocument, type AppClient, type TestApp } from "../helpers/kit.ts";
import { articleLines, FORECAST, MEASURES, NAVAL, ROCKETS, TITLE, TREATY } from "../fixtures/deterrence.ts";
import { DESK } from "../fixtures/desk.ts";
import type { AnnotationDto } from "../../common/annotations.ts";
import type { ImportReport } from "../../server/modules/exports/import.service.ts";

let t: TestApp;
let owner: AppClient, ana: AppClient, viewer: AppClient, stranger: AppClient;
let sourceWs: string, targetWs: string;
let sourceDoc: string;
let exportJson: Record<string, unknown>;
const notes: Record<string, AnnotationDto> = {};

/** The list's second item also ends "at sea.": a repeated phrase only its context tells apart. */
const AT_SEA = "Second, notification regimes at sea.";
/** The shared article in Markdown, with one more paragraph and a quotation; the lines are edited below. */
const LINES = articleLines({ title: TITLE, paragraphs: [TREATY, FORECAST, NAVAL], items: [MEASURES[0], AT_SEA], quote: ROCKETS }, "md");
const ARTICLE = LINES.join("\n");

const importDoc = (ws: string, content: string) => importDocument(owner, ws, { content, format: "md" });

async function importInto(user: AppClient, documentId: string, body: unknown, query = "") {
  return user.post(`/api/documents/${documentId}/annotations/import${query}`, body as object);
}

beforeAll(async () => {
  t = await buildTestApp();
  const source = await buildWorld(t, { workspace: "Source desk", members: { ana: DESK.ana, viewer: DESK.viewer }, document: null });
  ({ owner, workspaceId: sourceWs } = source);
  ({ ana, viewer } = source.users);
  stranger = await t.signUp({ displayName: "Stranger" });
  targetWs = await createWorkspace(owner, "Target desk");
  await addMember(owner, targetWs, ana, "analyst");
  await addMember(owner, targetWs, viewer, "viewer");
  for (const ws of [sourceWs, targetWs]) {
    const region = (await owner.post(`/api/workspaces/${ws}/tags`, { name: "Region" })).body.tag;
    await owner.post(`/api/workspaces/${ws}/tags`, { name: "Baltic", parentId: region.id });
  }
  const navy = (await owner.post(`/api/workspaces/${sourceWs}/tags`, { name: "Navy" })).body.tag;
  const baltic = (await owner.get(`/api/workspaces/${sourceWs}/tags`)).body.tags.find((x: { path: string }) => x.path === "Region > Baltic");

  const src = await importDoc(sourceWs, ARTICLE);
  sourceDoc = src.id;
  const mk = async (key: string, body: object) => {
    const res = await ana.post(`/api/documents/${sourceDoc}/annotations`, body);
    expect(res.status).toBe(201);
    notes[key] = res.body.annotation;
  };
  await mk("claim", { kind: "claim", body: "Forecast without a source <script>alert(1)</script>", anchor: anchorIn(src.paragraphs, "three new regional agreements by 2030"), tagIds: [baltic.id] });
  await mk("overlap", { kind: "comment", body: "Overlapping", anchor: anchorIn(src.paragraphs, "agreements by 2030, though none") });
  await mk("span", { kind: "comment", body: "Two paragraphs", anchor: anchorIn(src.paragraphs, "moved it elsewhere.", "Analysts expect") });
  await mk("emoji", { kind: "highlight", anchor: anchorIn(src.paragraphs, "🚀 rose sharply") });
  await mk("naval", { kind: "comment", body: "Which ministry?", anchor: anchorIn(src.paragraphs, "fell by half after the hotline opened") });
  // "at sea." occurs twice; the second one is annotated.
  await mk("atSea", { kind: "highlight", anchor: anchorIn(src.paragraphs, "at sea.", undefined, 1), tagIds: [navy.id] });
  const r1 = await owner.post(`/api/annotations/${notes.claim!.id}/replies`, { body: "Source is the 2024 white paper", stance: "disputes" });
  await ana.post(`/api/annotations/${notes.claim!.id}/replies`, { body: "Thanks", stance: "supports", parentId: r1.body.reply.id });
  await owner.post(`/api/annotations/${notes.span!.id}/replies`, { body: "Agreed" });
  exportJson = (await ana.get(`/api/documents/${sourceDoc}/export?format=jsonld`)).body;
});
afterAll(async () => {
  await t?.close();
});

describe("jsonld export -> import", () => {
  it("lands every annotation on the same text of another copy, with replies and known tags", async () => {
    const copy = await importDoc(targetWs, ARTICLE);
    const res = await importInto(ana, copy.id, exportJson);
    expect(res.status).toBe(200);
    const report = res.body as ImportReport;
    expect(report.notPlaced).toEqual([]);
    expect(report.placed).toHaveLength(Object.keys(notes).length);
    expect(report.placed.every((p) => p.method === "position" && p.confidence === 1)).toBe(true);
    expect(report.replies).toEqual({ created: 3, skipped: 0 });
    expect(report.tagsNotFound).toEqual(["Navy"]);

    const listed = (await ana.get(`/api/documents/${copy.id}/annotations`)).body.annotations as AnnotationDto[];
    const srcIndex = (await owner.get(`/api/documents/${sourceDoc}`)).body.paragraphs.map((p: { id: string }) => p.id) as string[];
    const dstIndex = copy.paragraphs.map((p) => p.id);
    for (const [, original] of Object.entries(notes)) {
      const placed = report.placed.find((p) => p.id === `urn:scholia:annotation:${original.id}`)!;
      const landed = listed.find((a) => a.id === placed.annotationId)!;
      expect(landed.anchor.quote).toBe(original.anchor.quote);
      expect(landed.kind).toBe(original.kind);
      expect(landed.body.text).toBe(original.body.text);
      expect(landed.author.id).toBe(ana.id);
      expect(dstIndex.indexOf(landed.anchor.start.paragraphId)).toBe(srcIndex.indexOf(original.anchor.start.paragraphId));
      expect(landed.anchor.start.offset).toBe(original.anchor.start.offset);
      expect(dstIndex.indexOf(landed.anchor.end.paragraphId)).toBe(srcIndex.indexOf(original.anchor.end.paragraphId));
      expect(landed.anchor.end.offset).toBe(original.anchor.end.offset);
    }
    const claim = listed.find((a) => a.anchor.quote === notes.claim!.anchor.quote && a.kind === "claim")!;
    expect(claim.claim?.status).toBe("open");
    const targetBaltic = (await owner.get(`/api/workspaces/${targetWs}/tags`)).body.tags.find((x: { path: string }) => x.path === "Region > Baltic");
    expect(claim.tagIds).toEqual([targetBaltic.id]);
    expect(claim.replies!.map((r) => [r.body?.text, r.stance, r.parentId !== null])).toEqual([
      ["Source is the 2024 white paper", "disputes", false],
      ["Thanks", "supports", true],
    ]);
    const events = (await ana.get(`/api/documents/${copy.id}/events`)).body.events.map((e: { type: string }) => e.type);
    expect(events.filter((x: string) => x === "annotation.created")).toHaveLength(6);
    expect(events.filter((x: string) => x === "reply.created")).toHaveLength(3);
  });

  it("re-anchors onto an edited copy by quote and context, and reports what it cannot place", async () => {
    const edited = [...LINES];
    edited.splice(1, 0, "", "A new introductory paragraph shifts every position in the article.");
    edited[edited.indexOf(FORECAST)] = FORECAST.replace("agreements", "agreement");
    // A lookalike: the same opening and the same close, another event in between.
    edited[edited.indexOf(NAVAL)] = NAVAL.replace("fell by half after the hotline opened", "rose sharply before the talks collapsed");
    const copy = await importDoc(targetWs, edited.join("\n"));
    const report = (await importInto(ana, copy.id, exportJson)).body as ImportReport;
    const by = (key: string) => report.placed.find((p) => p.id === `urn:scholia:annotation:${notes[key]!.id}`);

    expect(by("emoji")).toMatchObject({ method: "quote", quote: "🚀 rose sharply" });
    expect(by("atSea")).toMatchObject({ method: "context", quote: "at sea." });
    const atSea = (await ana.get(`/api/documents/${copy.id}/annotations`)).body.annotations.find((a: AnnotationDto) => a.id === by("atSea")!.annotationId);
    expect(copy.paragraphs.find((p) => p.id === atSea.anchor.start.paragraphId)!.text).toBe(AT_SEA);
    expect(by("claim")).toMatchObject({ method: "approximate", quote: "three new regional agreement by 2030" });
    expect(by("claim")!.confidence).toBeGreaterThanOrEqual(0.8);
    // The lookalike sentence is not glued on.
    expect(by("naval")).toBeUndefined();
    const naval = report.notPlaced.find((n) => n.id === `urn:scholia:annotation:${notes.naval!.id}`)!;
    expect(naval.quote).toBe("fell by half after the hotline opened");
    expect(naval.reason).toMatch(/not found/);
    expect(report.placed.length + report.notPlaced.length).toBe(Object.keys(notes).length);
  });

  it("carries its own text, so context across paragraph ends tells a repeated paragraph apart", async () => {
    // The export is self-sufficient: targets name the document page, whose text the file embeds.
    const text = exportJson["scholia:text"] as { id: string; value: string };
    const first = exportJson.first as { items: Array<{ target: unknown }> };
    expect(text.value).toBe((await owner.get(`/api/documents/${sourceDoc}`)).body.paragraphs.map((p: { text: string }) => p.text).join("\n"));
    for (const item of first.items) if (typeof item.target === "object") expect((item.target as { source: string }).source).toBe(text.id);

    // A whole list item is annotated; the copy has the same item twice. Only the text around it,
    // which lies in the neighbouring paragraphs, says which one was meant.
    const src = await importDoc(sourceWs, ARTICLE);
    const item = AT_SEA;
    const made = await ana.post(`/api/documents/${src.id}/annotations`, { kind: "comment", body: "Which regimes?", anchor: anchorIn(src.paragraphs, item) });
    expect(made.status).toBe(201);
    const file = (await ana.get(`/api/documents/${src.id}/export?format=jsonld`)).body;
    const edited = [...LINES];
    edited.splice(1, 0, "", "A short opening.");
    edited.splice(edited.indexOf(`- ${MEASURES[0]}`), 0, `- ${item}`);
    const copy = await importDoc(targetWs, edited.join("\n"));
    const report = (await importInto(ana, copy.id, file)).body as ImportReport;
    expect(report.placed).toHaveLength(1);
    expect(report.placed[0]!.method).toBe("context");
    const landed = (await ana.get(`/api/documents/${copy.id}/annotations`)).body.annotations.find((a: AnnotationDto) => a.id === report.placed[0]!.annotationId);
    const at = copy.paragraphs.findIndex((p) => p.id === landed.anchor.start.paragraphId);
    expect(copy.paragraphs[at - 1]!.text).toBe(MEASURES[0]);
  });

  it("refuses viewers and strangers, names malformed fields, and imports once per clientMutationId", async () => {
    const copy = await importDoc(targetWs, ARTICLE);
    expect((await importInto(viewer, copy.id, exportJson)).status).toBe(403);
    expect((await importInto(stranger, copy.id, exportJson)).status).toBe(404);
    const first = exportJson.first as { items: Array<Record<string, unknown>> };
    const broken = { ...exportJson, first: { ...first, items: [{ ...first.items[0], target: 42 }] } };
    const bad = await importInto(ana, copy.id, broken);
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toMatch(/^first\.items\.0\.target/);
    expect((await importInto(ana, copy.id, { type: "Nonsense" })).status).toBe(400);
    expect(await t.db.annotation.count({ where: { documentId: copy.id } })).toBe(0);

    const clientMutationId = randomUUID();
    const once = await importInto(ana, copy.id, exportJson, `?clientMutationId=${clientMutationId}`);
    const twice = await importInto(ana, copy.id, exportJson, `?clientMutationId=${clientMutationId}`);
    expect(twice.headers["x-idempotent-replay"]).toBe("true");
    expect(twice.body).toEqual(once.body);
    expect(await t.db.annotation.count({ where: { documentId: copy.id } })).toBe(Object.keys(notes).length);
  });
});
